package wslab.checks.lesson09;

import java.io.IOException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import wslab.api.SecurityContract;
import wslab.grader.Check;
import wslab.grader.CheckContext;
import wslab.grader.LessonChecks;
import wslab.wire.Frame;
import wslab.wire.Opcode;

/**
 * Lesson 09, input: every message is untrusted. Not JSON, JSON of the wrong shape and binary data
 * are answered, never crash the connection; text reaches pages escaped for HTML.
 */
@LessonChecks("09")
class InputChecks {

    static final String SPEC = "OWASP WebSocket cheat sheet: Input Validation; RFC 8259";

    /** Texts that become markup when put into HTML unescaped: an element, two attribute break-outs, a character reference. */
    static final List<String> MARKUP = List.of(
            "<img src=x onerror=\"window.__xss=1\">",
            "\" onmouseover=\"window.__xss=1\" data-injected=\"1",
            "' autofocus onfocus='window.__xss=1' data-injected='1",
            "AT&T says &lt;b&gt; is bold");

    @Check(id = "09.32", points = 2, spec = SPEC + "; OWASP: Framework-Specific Best Practices (malformed messages must not crash)",
            title = "A message that is not JSON gets {\"type\":\"error\",\"code\":\"bad-json\"} and the connection goes on")
    void answersMalformedJson(CheckContext ctx) throws IOException {
        requireBadJson(ctx, "{\"type\":\"post\",\"room\":\"lobby\",\"text\":", "a message cut off in the middle of its JSON");
    }

    @Check(id = "09.33", spec = SPEC + "; OWASP: Always use JSON.parse() instead of eval()",
            title = "A JavaScript object literal that is not JSON ({type:'post',...}) gets bad-json: the parser is JSON's, not eval")
    void refusesJavaScriptThatIsNotJson(CheckContext ctx) throws IOException {
        requireBadJson(ctx, "{type:'post',room:'lobby',text:'hi'}", "unquoted names and single quotes, as eval would take them");
    }

    @Check(id = "09.34", spec = SPEC + " (an allow-list of message shapes)",
            title = "JSON of the wrong shape gets {\"type\":\"error\",\"code\":\"bad-message\"} and the connection goes on")
    void answersTheWrongShape(CheckContext ctx) throws IOException {
        try (SecureClient alice = SecureClient.signedIn(ctx, "alice")) {
            for (String[] bad : List.of(
                    new String[] {"{\"type\":\"post\",\"room\":\"lobby\"}", "a post without text"},
                    new String[] {"{\"type\":\"post\",\"room\":\"lobby\",\"text\":42}", "a post whose text is a number"},
                    new String[] {"{\"type\":\"delete-all\",\"room\":\"lobby\"}", "a type the contract does not have"},
                    new String[] {"{\"type\":\"post\",\"room\":\"lobby\",\"text\":\"x\",\"from\":\"bob\"}", "a post with a member a post does not have"},
                    new String[] {"[\"post\",\"lobby\",\"x\"]", "an array, not an object"})) {
                alice.send(bad[0]);
                alice.expectError(SecurityContract.ERROR_BAD_MESSAGE, bad[1] + ": " + bad[0]);
            }
            requireStillUsable(alice);
        }
    }

    @Check(id = "09.35", spec = "RFC 6455 §7.4.1 (1003); OWASP WebSocket cheat sheet: Input Validation",
            title = "A binary message, which this chat does not take, closes with 1003")
    void refusesBinary(CheckContext ctx) throws IOException {
        try (SecureClient alice = SecureClient.signedIn(ctx, "alice")) {
            alice.send(Frame.of(Opcode.BINARY, new byte[] {0x7B, 0x7D, 0x00, (byte) 0xFF}));
            alice.expectClose(SecurityContract.CLOSE_UNSUPPORTED_DATA, "a binary message, where the contract takes JSON text only");
        }
    }

    @Check(id = "09.36", points = 2, spec = "OWASP Cross Site Scripting Prevention cheat sheet: Output Encoding for HTML contexts; lesson 09 contract",
            title = "Each message's html is its text with & < > \" ' escaped, so no text becomes markup")
    void escapesForHtml(CheckContext ctx) throws IOException {
        try (SecureClient alice = SecureClient.signedIn(ctx, "alice")) {
            for (String text : MARKUP) {
                alice.send(SecurityContract.post("lobby", text));
                String got = alice.expect(Expected.message("lobby", "alice", text), "alice's post of " + text);
                String html = SecurityContract.parse(got).map(n -> n.path("html")).filter(n -> n.isTextual()).map(n -> n.textValue())
                        .orElse(null);
                ctx.require(html != null, "a string 'html' member in the message for " + text, "the message was " + got);
                ctx.require(html.chars().noneMatch(ch -> ch == '<' || ch == '>' || ch == '"' || ch == '\''),
                        "no < > \" or ' left in html: in element content and in a quoted attribute they end the text",
                        "for " + text + " the html was " + html);
                ctx.require(unescape(html).equals(text), "html that reads as the text itself once a browser decodes it (& escaped too)",
                        "for " + text + " the html was " + html + ", which a browser shows as " + unescape(html));
            }
        }
    }

    static void requireBadJson(CheckContext ctx, String message, String what) throws IOException {
        try (SecureClient alice = SecureClient.signedIn(ctx, "alice")) {
            alice.send(message);
            alice.expectError(SecurityContract.ERROR_BAD_JSON, what + ": " + message);
            requireStillUsable(alice);
        }
    }

    /** After a bad message the connection is still served: a valid post comes back. */
    static void requireStillUsable(SecureClient alice) throws IOException {
        alice.send(SecurityContract.post("lobby", "still served"));
        alice.expect(Expected.message("lobby", "alice", "still served"), "a valid post after the bad ones, still served");
    }

    private static final Pattern REFERENCE = Pattern.compile("&(#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z]+);|&");

    /** What a browser shows for {@code html} as text: the references the escaper may use decoded, a bare & as itself. */
    static String unescape(String html) {
        Matcher m = REFERENCE.matcher(html);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String ref = m.group(1);
            String replacement;
            if (ref == null) {
                replacement = "&";
            } else if (ref.startsWith("#")) {
                replacement = codePoint(ref).map(Character::toString).orElse(m.group());
            } else {
                replacement = switch (ref) {
                    case "amp" -> "&";
                    case "lt" -> "<";
                    case "gt" -> ">";
                    case "quot" -> "\"";
                    case "apos" -> "'";
                    default -> m.group();
                };
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static java.util.Optional<Integer> codePoint(String numeric) {
        boolean hex = numeric.length() > 1 && (numeric.charAt(1) == 'x' || numeric.charAt(1) == 'X');
        try {
            int cp = Integer.parseInt(numeric.substring(hex ? 2 : 1), hex ? 16 : 10);
            return Character.isValidCodePoint(cp) ? java.util.Optional.of(cp) : java.util.Optional.empty();
        } catch (NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }
}
