package wslab.faults;

import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One line per toxic for reports, from the API's JSON so every backend reads the same:
 * {@code slicer downstream average_size=1 size_variation=0 delay=200µs toxicity=1.0}. Units are
 * Toxiproxy's, written out because slicer's delay is in microseconds and everything else in milliseconds.
 */
final class ToxicDescriptions {

    private static final Map<String, List<String>> ATTRIBUTE_ORDER = Map.of(
            "latency", List.of("latency", "jitter"),
            "bandwidth", List.of("rate"),
            "slow_close", List.of("delay"),
            "timeout", List.of("timeout"),
            "reset_peer", List.of("timeout"),
            "slicer", List.of("average_size", "size_variation", "delay"),
            "limit_data", List.of("bytes"));

    private ToxicDescriptions() {
    }

    static String describe(JsonNode toxic) {
        String type = toxic.path("type").asText();
        StringBuilder line = new StringBuilder(type).append(' ').append(toxic.path("stream").asText("downstream"));
        JsonNode attrs = toxic.path("attributes");
        Set<String> names = new LinkedHashSet<>(ATTRIBUTE_ORDER.getOrDefault(type, List.of()));
        for (Iterator<String> it = attrs.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        for (String a : names) {
            JsonNode v = attrs.get(a);
            if (v != null) {
                line.append(' ').append(a).append('=').append(v.asText()).append(unit(type, a));
            }
        }
        return line.append(" toxicity=").append(toxic.path("toxicity").asDouble(1.0)).toString();
    }

    private static String unit(String type, String attribute) {
        switch (attribute) {
            case "latency":
            case "jitter":
            case "timeout":
                return "ms";
            case "rate":
                return "KB/s";
            case "delay":
                return type.equals("slicer") ? "µs" : "ms";
            default:
                return "";
        }
    }
}
