package wslab.faults.embedded;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** One toxic as the API describes it. Immutable: an update replaces it. */
record Toxic(String name, ToxicType type, Stream stream, double toxicity, Map<String, Long> attributes) {

    /** Which way the toxic acts: upstream is client to server, downstream server to client. */
    enum Stream {
        UPSTREAM, DOWNSTREAM;

        String wireName() {
            return name().toLowerCase();
        }
    }

    Toxic {
        attributes = Map.copyOf(attributes);
    }

    long attr(String name) {
        return attributes.getOrDefault(name, 0L);
    }

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", name);
        json.put("type", type.wireName());
        json.put("stream", stream.wireName());
        json.put("toxicity", toxicity);
        Map<String, Long> attrs = new LinkedHashMap<>();
        for (String a : type.attributes) {
            attrs.put(a, attr(a));
        }
        json.put("attributes", attrs);
        return json;
    }

    /** {@code slicer upstream average_size=1 size_variation=0 delay=500 toxicity=1.0}. */
    String describe() {
        return type.wireName() + " " + stream.wireName() + " "
                + type.attributes.stream().map(a -> a + "=" + attr(a)).collect(Collectors.joining(" "))
                + " toxicity=" + toxicity + " (" + name + ")";
    }
}
