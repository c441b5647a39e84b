package wslab.faults.embedded;

import java.util.Locale;
import java.util.Optional;

/** Which way a toxic acts, in Toxiproxy's words: upstream is client to server, downstream server to client. */
enum Stream {
    UPSTREAM, DOWNSTREAM;

    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<Stream> fromWire(String name) {
        for (Stream s : values()) {
            if (s.wireName().equalsIgnoreCase(name)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
