package wslab.reference.portal;

import java.io.IOException;
import java.io.PrintWriter;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import wslab.api.Lesson;

/** The portal's front page: a plain list of the lessons and where each one listens. */
final class IndexServlet extends HttpServlet {

    private final transient ReferencePortal portal;

    IndexServlet(ReferencePortal portal) {
        this.portal = portal;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("text/html; charset=utf-8");
        PrintWriter out = resp.getWriter();
        out.println("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>wslab</title>");
        out.println("<style>body{font:16px/1.5 system-ui,sans-serif;max-width:46em;margin:2em auto;padding:0 1em}"
                + "code{background:#f3f3f3;padding:0 .25em}td,th{padding:.25em .75em;text-align:left}</style>");
        out.println("</head><body><h1>wslab</h1>");
        out.println("<p>A WebSocket teaching kit. Each lesson's reference server is running; grade your own with "
                + "<code>./wslab grade NN</code>.</p>");
        out.println("<table><tr><th>Lesson</th><th>Title</th><th>Reference endpoint</th></tr>");
        for (ReferencePortal.RunningLesson l : portal.lessons()) {
            out.printf("<tr><td>%s</td><td>%s</td><td><code>%s</code></td></tr>%n",
                    escape(l.lesson().folder()), escape(l.lesson().title()), escape(l.url()));
        }
        out.println("</table>");
        out.printf("<p>Echo endpoint for experiments: <code>ws://%s%s</code>. "
                + "<a href=\"/web/echo.html\">Try it in this browser</a>.</p>%n",
                escape(req.getHeader("Host") == null ? "127.0.0.1" : req.getHeader("Host")), ReferencePortal.ECHO_PATH);
        // Each lesson with a browser lab names its page in lesson.properties (page=...): no list here.
        for (Lesson lesson : portal.catalog().lessons()) {
            lesson.browserPage().ifPresent(page -> out.printf("<p>Lesson %s (%s) in this browser: <a href=\"/web/%s\">the"
                    + " reference</a> or <a href=\"/web/%s?impl=starter\">your starter</a>. Stop and restart"
                    + " <code>./wslab serve</code> and watch what it does.</p>%n",
                    escape(lesson.id()), escape(lesson.title()), escape(page), escape(page)));
        }
        out.println("</body></html>");
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
