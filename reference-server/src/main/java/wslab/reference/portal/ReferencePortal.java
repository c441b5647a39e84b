package wslab.reference.portal;

import java.io.IOException;
import java.net.BindException;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.jetty.ee10.servlet.DefaultServlet;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.resource.Resource;
import org.eclipse.jetty.util.resource.ResourceFactory;
import wslab.api.LabEnvironment;
import wslab.api.LabImplementation;
import wslab.api.LabServer;
import wslab.api.Lesson;
import wslab.api.LessonCatalog;
import wslab.reference.jetty.JettyServers;

/**
 * What {@code ./wslab serve} runs (on the real network and clock, so it is {@link wslab.api.RealTime}): a Jetty server with the index page, an echo endpoint and the
 * browser labs' pages, plus every lesson's reference server.
 *
 * <p>Lesson 01's reference is a raw socket server (the lesson is the handshake Jetty would
 * otherwise hide), so each lesson's reference listens on its own port: the portal's port plus
 * the lesson number, or a free port if that one is taken.
 */
public class ReferencePortal implements LabServer {

    public static final String ECHO_PATH = "/echo";
    /** Classpath folder whose files are served under {@code /web/}; browser-labs ships its pages there. */
    public static final String WEB_RESOURCES = "wslab-web/";

    private final LessonCatalog catalog;
    private final List<RunningLesson> lessons = new ArrayList<>();
    private java.util.function.Consumer<String> log = line -> { };
    private Server server;

    public ReferencePortal() {
        this(LessonCatalog.load());
    }

    public ReferencePortal(LessonCatalog catalog) {
        this.catalog = catalog;
    }

    /** Each lesson server's log lines, prefixed with its lesson ({@code lesson 09: ...}). */
    @Override
    public void logTo(java.util.function.Consumer<String> log) {
        this.log = log;
    }

    @Override
    public int start(int port) throws IOException {
        server = JettyServers.loopback(port);
        ServletContextHandler context = JettyServers.rootContext(server);
        JettyServers.addEcho(context, ECHO_PATH, List.of());
        Resource web = ResourceFactory.of(context).newClassLoaderResource(WEB_RESOURCES);
        if (web != null) {
            // The resource may span several jars (a combined resource has no single URI), so it
            // becomes the context's base rather than a servlet init parameter.
            context.setBaseResource(web);
            ServletHolder pages = new ServletHolder("web", DefaultServlet.class);
            pages.setInitParameter("pathInfoOnly", "true");
            pages.setInitParameter("dirAllowed", "false");
            context.addServlet(pages, "/web/*");
        }
        context.addServlet(new ServletHolder("index", new IndexServlet(this)), "");
        try {
            server.start();
        } catch (BindException e) {
            throw e;
        } catch (Exception e) {
            close();
            throw new IOException("the portal did not start: " + e.getMessage(), e);
        }
        int bound = JettyServers.boundPort(server);
        for (Lesson lesson : catalog.lessons()) {
            var reference = catalog.implementation(lesson.id(), "reference");
            if (reference.isPresent()) {
                lessons.add(startLesson(lesson, reference.get(), bound, log));
            }
        }
        return bound;
    }

    /** Where a durable reference (lesson 14) keeps its data while served: under target/, kept across restarts of serve. */
    public static final java.nio.file.Path DATA = java.nio.file.Path.of(System.getProperty("wslab.home", "."), "target", "wslab-data");

    private static LabServer build(Lesson lesson, LabImplementation impl, LabEnvironment env) {
        return impl instanceof wslab.api.DurableLabImplementation durable
                ? durable.newServer(env, DATA.resolve(lesson.folder())) : impl.newServer(env);
    }

    private static RunningLesson startLesson(Lesson lesson, LabImplementation impl, int portalPort,
                                             java.util.function.Consumer<String> log) throws IOException {
        LabEnvironment env = LabEnvironment.system(System.nanoTime());
        List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.function.Consumer<String> lessonLog = line -> {
            lines.add(line);
            log.accept("lesson " + lesson.id() + ": " + line);
        };
        LabServer lab = build(lesson, impl, env);
        lab.logTo(lessonLog);
        int preferred = portalPort + Integer.parseInt(lesson.id());
        int port;
        try {
            port = lab.start(preferred <= 65535 ? preferred : 0);
        } catch (BindException e) {
            lab.close();
            lines.clear();
            lab = build(lesson, impl, env);
            lab.logTo(lessonLog);
            port = lab.start(0);
        }
        return new RunningLesson(lesson, impl.path(), port, lab, lines);
    }

    /** The lessons being served, in catalog order. */
    public List<RunningLesson> lessons() {
        return List.copyOf(lessons);
    }

    public LessonCatalog catalog() {
        return catalog;
    }

    @Override
    public void close() {
        lessons.forEach(l -> l.server().close());
        lessons.clear();
        if (server != null) {
            JettyServers.stopQuietly(server);
        }
    }

    /** One lesson's reference server, where it listens, and what it has logged (a TLS server's certificate first). */
    public record RunningLesson(Lesson lesson, String path, int port, LabServer server, List<String> log) {
        public String url() {
            return lesson.scheme() + "://127.0.0.1:" + port + path;
        }
    }
}
