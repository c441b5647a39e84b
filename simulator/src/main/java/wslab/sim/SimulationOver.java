package wslab.sim;

/**
 * Thrown into a simulated thread when its simulation has ended (the check is over, or the
 * simulation stalled). An {@link Error}, so a solution's {@code catch (Exception e)} does not keep
 * a dead simulation's thread alive.
 */
public final class SimulationOver extends Error {

    SimulationOver(String failure) {
        super(failure == null ? "the simulation has ended" : failure);
    }
}
