package wslab.grader;

import wslab.api.LabEnvironment;
import wslab.faults.FaultNetwork;
import wslab.sim.Simulation;

/** A simulation for one check; closing it ends every simulated thread of the check. */
final class SimStage implements Stage {

    private final Simulation sim;
    private FaultNetwork faults;

    SimStage(Simulation sim) {
        this.sim = sim;
    }

    @Override
    public LabEnvironment environment(long seed) {
        return sim.environment(seed);
    }

    @Override
    public java.util.Optional<wslab.sim.SimProcess> process(long seed) {
        return java.util.Optional.of(sim.process(seed));
    }

    @Override
    public synchronized FaultNetwork faults() {
        if (faults == null) {
            faults = FaultNetwork.simulated(sim);
        }
        return faults;
    }

    @Override
    public boolean virtual() {
        return true;
    }

    @Override
    public long nanoTime() {
        return sim.nanoTime();
    }

    @Override
    public String describe() {
        return "simulated network, virtual clock";
    }

    /** Why the simulation ended early, if it stalled. */
    String failure() {
        return sim.failure();
    }

    @Override
    public void close() {
        sim.close();
    }
}
