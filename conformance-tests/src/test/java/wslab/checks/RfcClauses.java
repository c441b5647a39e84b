package wslab.checks;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The RFC clauses a check may cite, each looked up in the RFC's text, and a reader for the
 * {@code spec} strings checks declare ("RFC 6455 §4.2.2 item 4 /subprotocol/, §4.4").
 */
final class RfcClauses {

    /** One cited clause: a section, and optionally an item, a named part or a field inside it. */
    record Clause(String rfc, String section, String part) {
        String key() {
            return rfc + " §" + section + (part == null ? "" : " " + part);
        }
    }

    /** RFC 6455's table of contents, and the sections of the HTTP and TCP RFCs the checks cite. */
    static final Map<String, Set<String>> SECTIONS = Map.of(
            "6455", Set.of("1", "1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "1.7", "1.8", "1.9", "2", "2.1", "3",
                    "4", "4.1", "4.2", "4.2.1", "4.2.2", "4.3", "4.4",
                    "5", "5.1", "5.2", "5.3", "5.4", "5.5", "5.5.1", "5.5.2", "5.5.3", "5.6", "5.7", "5.8",
                    "6", "6.1", "6.2", "7", "7.1", "7.1.1", "7.1.2", "7.1.3", "7.1.4", "7.1.5", "7.1.6", "7.1.7",
                    "7.2", "7.2.1", "7.2.2", "7.2.3", "7.3", "7.4", "7.4.1", "7.4.2", "8", "8.1", "9", "9.1", "9.2",
                    "10", "10.1", "10.2", "10.3", "10.4", "10.5", "10.6", "10.7", "10.8",
                    "11", "11.1", "11.1.1", "11.1.2", "11.2", "11.3", "11.3.1", "11.3.2", "11.3.3", "11.3.4",
                    "11.3.5", "11.4", "11.5", "11.6", "11.7", "11.8", "11.9", "12", "13", "14", "14.1", "14.2"),
            // Field names (§5.1), lists (§5.6.1), Upgrade (§7.8), Allow (§10.2.1), 101 (§15.2.2),
            // 400 (§15.5.1), 405 (§15.5.6), 426 (§15.5.22).
            "9110", Set.of("5.1", "5.6.1", "7.8", "10.2.1", "15.2.2", "15.5.1", "15.5.6", "15.5.22"),
            // Request Target, where a request without Host gets 400.
            "9112", Set.of("3.2"),
            // Key TCP Concepts: a reliable, in-order byte stream.
            "9293", Set.of("2.2"));

    /** The numbered items, named parts and frame fields inside RFC 6455's sections. */
    static final Set<String> PARTS = parts();

    private static Set<String> parts() {
        Set<String> p = new HashSet<>();
        // §4.1 has three numbered lists: opening (1-5), the request (1-12), the client's checks of the answer (1-6).
        for (int i = 1; i <= 12; i++) {
            p.add("6455 §4.1 item " + i);
        }
        for (int i = 1; i <= 10; i++) {
            p.add("6455 §4.2.1 item " + i);
        }
        for (int i = 1; i <= 5; i++) {
            p.add("6455 §4.2.2 item " + i);
        }
        for (int i = 1; i <= 6; i++) {
            p.add("6455 §4.2.2 item 5." + i);
        }
        for (String name : List.of("origin", "key", "version", "resource name", "subprotocol", "extensions")) {
            p.add("6455 §4.2.2 item 4 /" + name + "/");
        }
        for (String field : List.of("FIN", "RSV1-3", "Opcode", "Mask", "Payload length", "Masking-key", "Payload data",
                "Extension data", "Application data")) {
            p.add("6455 §5.2 " + field);
        }
        return Set.copyOf(p);
    }

    private static final Pattern CITATION = Pattern.compile("(?:RFC (\\d+) )?§(\\d+(?:\\.\\d+)*)(?: (.+))?");
    private static final Pattern ITEMS = Pattern.compile("items ((?:\\d+\\.)*)(\\d+)-((?:\\d+\\.)*)(\\d+)");

    private RfcClauses() {
    }

    /**
     * The clauses a spec cites. Citations are separated by ", "; a citation without "RFC n"
     * belongs to the RFC named before it; parenthesised remarks are not part of the clause.
     *
     * @throws IllegalArgumentException when a citation has another shape
     */
    static List<Clause> parse(String spec) {
        List<Clause> clauses = new ArrayList<>();
        String rfc = null;
        for (String citation : spec.replaceAll("\\s*\\([^)]*\\)", "").split(", ")) {
            Matcher m = CITATION.matcher(citation.trim());
            if (!m.matches()) {
                throw new IllegalArgumentException("'" + citation + "' in '" + spec + "' is not 'RFC n §x.y ...'");
            }
            if (m.group(1) != null) {
                rfc = m.group(1);
            }
            if (rfc == null) {
                throw new IllegalArgumentException("'" + citation + "' in '" + spec + "' names no RFC");
            }
            String rest = m.group(3);
            Matcher range = rest == null ? null : ITEMS.matcher(rest);
            if (range != null && range.matches()) {
                if (!range.group(1).equals(range.group(3))) {
                    throw new IllegalArgumentException("'" + rest + "' in '" + spec + "' spans different items");
                }
                for (int i = Integer.parseInt(range.group(2)); i <= Integer.parseInt(range.group(4)); i++) {
                    clauses.add(new Clause(rfc, m.group(2), "item " + range.group(1) + i));
                }
            } else {
                clauses.add(new Clause(rfc, m.group(2), rest));
            }
        }
        return clauses;
    }

    static boolean exists(Clause c) {
        return SECTIONS.getOrDefault(c.rfc(), Set.of()).contains(c.section()) && (c.part() == null || PARTS.contains(c.key()));
    }
}
