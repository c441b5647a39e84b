package wslab.faults.embedded;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Toxiproxy's toxics, with their attribute names (units in comments, as the real server reads them). */
enum ToxicType {
    /** latency, jitter: milliseconds. */
    LATENCY("latency", "jitter"),
    /** rate: KB/s. */
    BANDWIDTH("rate"),
    /** delay: milliseconds before a close is passed on. */
    SLOW_CLOSE("delay"),
    /** timeout: milliseconds until the connection is closed; 0 holds it open forever. Data is dropped meanwhile. */
    TIMEOUT("timeout"),
    /** timeout: milliseconds until the connection is reset (RST, not FIN). */
    RESET_PEER("timeout"),
    /** average_size, size_variation: bytes; delay: microseconds between slices. */
    SLICER("average_size", "size_variation", "delay"),
    /** bytes: how many bytes pass before the connection is closed. */
    LIMIT_DATA("bytes");

    final List<String> attributes;

    ToxicType(String... attributes) {
        this.attributes = List.of(attributes);
    }

    /** The name on the wire: {@code slow_close}. */
    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<ToxicType> fromWire(String name) {
        for (ToxicType t : values()) {
            if (t.wireName().equals(name)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
