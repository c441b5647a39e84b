package wslab.proof.seam;

/** A solution that keeps time on its own: under a virtual clock it would see the real one. */
public class ReadsTheRealClock {

    public long elapsedSince(long start) throws InterruptedException {
        Thread.sleep(1);
        return System.nanoTime() - start;
    }

    public double jitter() {
        return new java.util.Random().nextDouble();
    }
}
