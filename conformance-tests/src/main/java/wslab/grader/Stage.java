package wslab.grader;

import java.time.Duration;

import wslab.api.LabEnvironment;
import wslab.faults.FaultNetwork;
import wslab.sim.Simulation;

/**
 * The world one check plays in: the real one (loopback, the fault proxy, the wall clock), or a
 * simulation (a virtual clock and network, toxics modelled on it). The suite's own servers and
 * clients, and an in-process implementation under test, all take their environment from here.
 */
public interface Stage extends AutoCloseable {

    /** The real network and clock, the JVM's fault network (Testcontainers, external or embedded Toxiproxy). */
    static Stage real() {
        return RealStage.INSTANCE;
    }

    /** A fresh simulation for one check. */
    static Stage simulated(long seed) {
        return new SimStage(new Simulation(seed));
    }

    /** An environment for one participant: the suite's side, or the implementation under test. */
    LabEnvironment environment(long seed);

    /** Where this stage's fault links come from. */
    FaultNetwork faults();

    /**
     * A new simulated process for a server the grader may kill (lesson 14), on virtual time; empty
     * on the real stage, where a server to kill runs as a real process.
     */
    default java.util.Optional<wslab.sim.SimProcess> process(long seed) {
        return java.util.Optional.empty();
    }

    /** Whether time is virtual here. */
    boolean virtual();

    /** The stage's clock, read without taking part (for transcripts). */
    long nanoTime();

    /**
     * The allowance for a busy machine on top of a bound: {@code realMillis} on the real clock,
     * nothing on virtual time, where every timing is exact.
     */
    default long slackMillis(long realMillis) {
        return virtual() ? 0 : realMillis;
    }

    default Duration slack(Duration real) {
        return Duration.ofMillis(slackMillis(real.toMillis()));
    }

    /** One line for the report: which world. */
    String describe();

    @Override
    void close();
}
