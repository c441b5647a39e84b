package wslab.api;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.function.LongSupplier;

/** A wall clock that starts at a fixed instant and moves with a nanosecond counter: a simulation's date. */
final class CountingClock extends Clock {

    private final LongSupplier nanos;
    private final Instant start;
    private final ZoneId zone;

    CountingClock(LongSupplier nanos, Instant start, ZoneId zone) {
        this.nanos = nanos;
        this.start = start;
        this.zone = zone;
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new CountingClock(nanos, start, zone);
    }

    @Override
    public Instant instant() {
        return start.plusNanos(nanos.getAsLong());
    }
}
