package wslab.proof.seam;

import wslab.api.RealTime;

/** A program's main never runs on virtual time, so the rule lets it be. */
@RealTime("a program's main, started by --server-cmd")
public class RunsAsAProgram {

    public static long now() {
        return System.nanoTime();
    }

    /** Seeded randomness is the environment's kind: allowed anywhere. */
    public static double seeded() {
        return new java.util.Random(7).nextDouble();
    }
}
