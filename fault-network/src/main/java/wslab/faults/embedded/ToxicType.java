package wslab.faults.embedded;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Toxiproxy's toxics and their attribute names; units are the real server's, noted per type. */
enum ToxicType {
    /** latency, jitter: milliseconds. */
    LATENCY("latency", "jitter"),
    /** rate: KB/s, which is bytes per millisecond. */
    BANDWIDTH("rate"),
    /** delay: milliseconds between the source's close and passing it on. */
    SLOW_CLOSE("delay"),
    /** timeout: milliseconds without data before the connection is closed; 0 never closes. Data is dropped. */
    TIMEOUT("timeout"),
    /** timeout: milliseconds after the first data (or close) before the connection is reset. */
    RESET_PEER("timeout"),
    /** average_size, size_variation: bytes; delay: microseconds after each slice. */
    SLICER("average_size", "size_variation", "delay"),
    /** bytes: how many bytes pass before the connection is closed. */
    LIMIT_DATA("bytes");

    final List<String> attributes;

    ToxicType(String... attributes) {
        this.attributes = List.of(attributes);
    }

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
