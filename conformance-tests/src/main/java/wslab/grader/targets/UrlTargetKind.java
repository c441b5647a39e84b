package wslab.grader.targets;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.function.Consumer;

import wslab.api.Lesson;
import wslab.api.LessonCatalog;
import wslab.grader.Stage;
import wslab.grader.Target;
import wslab.grader.TargetKind;

/** {@code --target ws://host:port/path}: a running server in any language, on any machine loopback reaches. */
public final class UrlTargetKind implements TargetKind {

    private static final int PROBE_TIMEOUT_MILLIS = 3000;

    @Override
    public String option() {
        return "--target";
    }

    @Override
    public String paramLabel() {
        return "ws://host:port/path";
    }

    @Override
    public String description() {
        return "Grade a running server, written in any language.";
    }

    @Override
    public Target parse(String text, Lesson lesson, LessonCatalog catalog) {
        if (lesson.grades() != Lesson.Kind.SERVER) {
            throw new IllegalArgumentException("lesson " + lesson.id() + " grades a client, not a server: use --impl or "
                    + "--client-cmd \"<command> {url}\"");
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--target '" + text + "' is not a URL: " + e.getReason());
        }
        if (!("ws".equals(uri.getScheme()) || "wss".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException("--target must look like ws://host:port/path or wss://host:port/path, not '" + text + "'");
        }
        if (lesson.secure() != "wss".equals(uri.getScheme())) {
            throw new IllegalArgumentException("lesson " + lesson.id() + " grades a " + lesson.scheme() + ":// endpoint, not '" + text + "'"
                    + (lesson.secure() ? " (give its wss:// URL, and its certificate with --trust cert.pem)" : ""));
        }
        return of(uri);
    }

    /** A server already running at {@code url}. */
    public static Target of(URI url) {
        return new Target() {
            @Override
            public String description() {
                return url.toString();
            }

            @Override
            public Lesson.Kind kind() {
                return Lesson.Kind.SERVER;
            }

            @Override
            public Optional<String> realTimeOnly() {
                return Optional.of("a server at a URL runs on the wall clock and the real network");
            }

            @Override
            public boolean sharedByChecks() {
                return true;
            }

            /** One connection attempt, so a server that is not running costs one line, not twenty FAILED checks. */
            @Override
            public Optional<String> probe(Lesson lesson) {
                int port = url.getPort() > 0 ? url.getPort() : "wss".equals(url.getScheme()) ? 443 : 80;
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(url.getHost(), port), PROBE_TIMEOUT_MILLIS);
                    return Optional.empty();
                } catch (ConnectException e) {
                    return Optional.of("nothing answers at " + url + ": connection refused — is your server running?");
                } catch (UnknownHostException e) {
                    return Optional.of("nothing answers at " + url + ": unknown host " + url.getHost());
                } catch (IOException e) {
                    return Optional.of("nothing answers at " + url + ": " + e.getMessage() + " — is your server running?");
                }
            }

            @Override
            public Session open(Stage stage, Lesson lesson, long seed, Consumer<String> log) {
                return new Session() {
                    @Override
                    public URI serverUrl() {
                        return url;
                    }
                };
            }
        };
    }
}
