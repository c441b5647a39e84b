package wslab.sim;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Looks at every live simulation twice a second for a member that holds the baton while blocked
 * outside it (a {@code Future.get}, a {@code synchronized} held across a read): that freezes the
 * clock for ever, so the simulation is stopped with a report of where the thread blocked.
 */
final class Watchdog {

    private static final Set<Simulation> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Thread t = new Thread(() -> {
            while (true) {
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
                LIVE.forEach(Simulation::checkFrozen);
            }
        }, "wslab-sim-watchdog");
        t.setDaemon(true);
        t.start();
    }

    private Watchdog() {
    }

    static void watch(Simulation sim) {
        LIVE.add(sim);
    }

    static void forget(Simulation sim) {
        LIVE.remove(sim);
    }
}
