package wslab.faults.embedded;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads toxics from API bodies the way Toxiproxy's Go decoder does: unknown fields are ignored,
 * a value of the wrong JSON type is a bad body (400), and checks run in the real server's order
 * (stream, type, duplicate name, attributes), so the same mistake gets the same status code.
 */
final class ToxicJson {

    private ToxicJson() {
    }

    /** A new toxic from a {@code POST /proxies/{p}/toxics} body; {@code nameTaken} answers 409s. */
    static Toxic create(JsonNode spec, Predicate<String> nameTaken) {
        requireObject(spec);
        String streamName = optionalText(spec, "stream", "downstream");
        Stream stream = Stream.fromWire(streamName).orElseThrow(ApiError::invalidStream);
        String typeName = optionalText(spec, "type", "");
        String name = optionalText(spec, "name", "");
        if (name.isEmpty()) {
            name = typeName + "_" + stream.wireName();
        }
        ToxicType type = ToxicType.fromWire(typeName).orElseThrow(ApiError::invalidToxicType);
        if (nameTaken.test(name)) {
            throw ApiError.toxicExists();
        }
        double toxicity = toxicity(spec, 1.0);
        return new Toxic(name, type, stream, toxicity, attributes(spec, type));
    }

    /** {@code current} changed by a {@code POST/PATCH /proxies/{p}/toxics/{t}} body: toxicity and attributes only. */
    static Toxic update(Toxic current, JsonNode spec) {
        requireObject(spec);
        return current.with(toxicity(spec, current.toxicity()), attributes(spec, current.type()));
    }

    /** Toxiproxy's answer to a missing or non-object body; shared with the proxy endpoints. */
    static void requireObject(JsonNode spec) {
        if (spec == null || spec.isMissingNode()) {
            throw ApiError.badBody("EOF");
        }
        if (!spec.isObject()) {
            throw ApiError.badBody("expected a JSON object");
        }
    }

    static String optionalText(JsonNode spec, String field, String fallback) {
        JsonNode v = spec.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isTextual()) {
            throw ApiError.badBody(field + " must be a string");
        }
        return v.asText();
    }

    private static double toxicity(JsonNode spec, double fallback) {
        JsonNode v = spec.get("toxicity");
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isNumber()) {
            throw ApiError.badBody("toxicity must be a number");
        }
        // Toxiproxy does not range-check toxicity: below 0 never applies, above 1 always does.
        return v.asDouble();
    }

    /** The type's attributes present in the body; all are whole numbers, as Toxiproxy's int64 fields. */
    private static Map<String, Long> attributes(JsonNode spec, ToxicType type) {
        Map<String, Long> values = new HashMap<>();
        JsonNode attrs = spec.get("attributes");
        if (attrs == null || attrs.isNull()) {
            return values;
        }
        if (!attrs.isObject()) {
            throw ApiError.badBody("attributes must be an object");
        }
        for (String a : type.attributes) {
            JsonNode v = attrs.get(a);
            if (v == null || v.isNull()) {
                continue;
            }
            if (!v.isIntegralNumber() || !v.canConvertToLong()) {
                throw ApiError.badBody("attribute " + a + " must be a whole number, not " + v);
            }
            values.put(a, v.asLong());
        }
        return values;
    }
}
