package wslab.grader;

import wslab.api.LabEnvironment;
import wslab.faults.FaultNetwork;

/** The real world: one for the JVM. */
final class RealStage implements Stage {

    static final RealStage INSTANCE = new RealStage();

    private RealStage() {
    }

    @Override
    public LabEnvironment environment(long seed) {
        return LabEnvironment.system(seed);
    }

    @Override
    public FaultNetwork faults() {
        return FaultNetwork.shared();
    }

    @Override
    public boolean virtual() {
        return false;
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public String describe() {
        return "real network and wall clock";
    }

    @Override
    public void close() {
    }
}
