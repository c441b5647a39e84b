package wslab.grader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import wslab.wire.Printable;

/**
 * A self-contained HTML scorecard (no scripts, no external files) with each check's wire transcript.
 * The markup is also well-formed XML (polyglot), so strict tools can parse it as well as browsers.
 */
public final class HtmlReport {

    private static final String STYLE = """
            body{font:15px/1.45 system-ui,sans-serif;max-width:60em;margin:2em auto;padding:0 1em;color:#222}
            table{border-collapse:collapse;width:100%}td,th{padding:.3em .5em;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}
            .OK{color:#1a7f37}.FAILED{color:#cf222e}.NON-STRICT{color:#9a6700}.INFORMATIONAL{color:#0969da}
            pre{background:#f6f8fa;padding:.6em;overflow:auto;font-size:13px}code{background:#f6f8fa;padding:0 .2em}
            .score{font-size:1.3em}""";

    private HtmlReport() {
    }

    public static void write(Scorecard card, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html><html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\"><head><meta charset=\"utf-8\"/><title>wslab lesson ")
                .append(esc(card.lesson().folder())).append("</title><style>").append(STYLE).append("</style></head><body>");
        h.append("<h1>Lesson ").append(esc(card.lesson().id())).append(": ").append(esc(card.lesson().title())).append("</h1>");
        h.append("<p class=\"score\"><b>").append(card.earned()).append('/').append(card.possible()).append(" points (")
                .append(card.percent()).append("%)</b>, pass mark ").append(card.lesson().passMark()).append("%: <b class=\"")
                .append(card.passed() ? "OK\">PASS" : "FAILED\">FAIL").append("</b></p>");
        h.append("<p>Target <code>").append(esc(card.target())).append("</code>, seed <code>").append(card.seed())
                .append("</code> (replay with <code>--seed ").append(card.seed()).append("</code>)")
                .append(card.strict() ? ", strict" : "").append(", ").append(card.started()).append(", ")
                .append(card.millis()).append(" ms.</p>");
        h.append("<table><tr><th>Check</th><th>Requirement</th><th>Spec</th><th>Points</th><th>Verdict</th></tr>");
        for (CheckResult r : card.results()) {
            h.append("<tr><td><a href=\"#c").append(esc(r.id())).append("\">").append(esc(r.id())).append("</a></td><td>")
                    .append(esc(r.title())).append("</td><td>").append(esc(r.spec())).append("</td><td>")
                    .append(r.earns() ? r.points() : 0).append('/').append(r.points()).append("</td><td class=\"")
                    .append(r.verdict().label()).append("\">").append(r.verdict().mark()).append(' ')
                    .append(r.verdict().label()).append("</td></tr>");
        }
        h.append("</table>");
        for (CheckResult r : card.results()) {
            h.append("<h3 id=\"c").append(esc(r.id())).append("\" class=\"").append(r.verdict().label()).append("\">")
                    .append(r.verdict().mark()).append(' ').append(esc(r.id())).append(' ').append(esc(r.title()))
                    .append("</h3>");
            h.append("<p>").append(esc(r.spec())).append(", level ").append(r.level()).append(", ").append(r.millis())
                    .append(" ms").append(!r.faults().isEmpty() ? ", faults: " + esc(String.join(", ", r.faults())) : "")
                    .append("</p>");
            if (!r.expected().isEmpty()) {
                h.append("<p><b>Expected</b> ").append(esc(r.expected())).append("</p>");
            }
            if (!r.actual().isEmpty()) {
                h.append("<p><b>Actual</b> ").append(esc(r.actual())).append("</p>");
            }
            if (!r.toxics().isEmpty()) {
                h.append("<p><b>Active toxics</b></p><pre>").append(esc(String.join("\n", r.toxics()))).append("</pre>");
            }
            if (!r.transcript().isEmpty()) {
                h.append("<details").append(r.verdict() == Verdict.FAILED ? " open=\"open\"" : "")
                        .append("><summary>Wire transcript</summary><pre>").append(esc(r.transcript())).append("</pre></details>");
            }
        }
        h.append("</body></html>\n");
        Files.writeString(file, h, StandardCharsets.UTF_8);
    }

    /** Text for an element or a quoted attribute: markup escaped, and nothing HTML cannot carry raw. */
    static String esc(String s) {
        return Printable.escape(s).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
