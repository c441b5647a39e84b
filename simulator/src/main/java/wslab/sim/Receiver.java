package wslab.sim;

/**
 * Takes what arrives at a {@link SimEndpoint} that has been diverted (a simulated proxy's side of a
 * connection): called under the simulation's lock at the virtual moment it arrives; never blocks.
 */
public interface Receiver {

    void data(byte[] bytes);

    /** The peer sent FIN. */
    void end();

    /** The peer sent RST. */
    void reset();
}
