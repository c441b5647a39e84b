package wslab.faults.embedded;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One toxic as the API names it. Immutable: an update makes a new one, and open connections
 * notice by identity that they must start it afresh, as Toxiproxy restarts an updated toxic.
 */
record Toxic(String name, ToxicType type, Stream stream, double toxicity, Map<String, Long> attributes) {

    Toxic {
        attributes = Map.copyOf(attributes);
    }

    long attr(String attribute) {
        return attributes.getOrDefault(attribute, 0L);
    }

    /** This toxic with a new toxicity and some attributes replaced; name, type and stream never change. */
    Toxic with(double newToxicity, Map<String, Long> changedAttributes) {
        Map<String, Long> merged = new HashMap<>(attributes);
        merged.putAll(changedAttributes);
        return new Toxic(name, type, stream, newToxicity, merged);
    }

    Map<String, Object> toJson() {
        Map<String, Long> attrs = new LinkedHashMap<>();
        for (String a : type.attributes) {
            attrs.put(a, attr(a));
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("attributes", attrs);
        json.put("name", name);
        json.put("type", type.wireName());
        json.put("stream", stream.wireName());
        json.put("toxicity", toxicity);
        return json;
    }
}
