package wslab.browser;

import wslab.api.LabClient;
import wslab.api.LabClientImplementation;

/**
 * The browser reference with one decision undone each (test resources
 * {@code wslab-web/reconnect/reconnect-mutant-*.js}), published like any client so the grader
 * starts them by class name.
 */
public final class BrowserMutants {

    private BrowserMutants() {
    }

    abstract static class Mutant implements LabClientImplementation {
        private final String script;

        Mutant(String script) {
            this.script = script;
        }

        @Override
        public String lesson() {
            return "04";
        }

        @Override
        public String name() {
            return script;
        }

        @Override
        public LabClient newClient(long seed) {
            return new BrowserClient(script, seed);
        }
    }

    public static final class NoJitter extends Mutant {
        public NoJitter() {
            super("mutant-no-jitter");
        }
    }

    public static final class DoubleLoop extends Mutant {
        public DoubleLoop() {
            super("mutant-double-loop");
        }
    }

    public static final class OfflineSendsDropped extends Mutant {
        public OfflineSendsDropped() {
            super("mutant-offline-sends-dropped");
        }
    }

    public static final class NoConnectTimeout extends Mutant {
        public NoConnectTimeout() {
            super("mutant-no-connect-timeout");
        }
    }

    public static final class HeartbeatNeverTimesOut extends Mutant {
        public HeartbeatNeverTimesOut() {
            super("mutant-heartbeat-never-times-out");
        }
    }
}
