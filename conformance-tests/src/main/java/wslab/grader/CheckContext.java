package wslab.grader;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;
import java.security.cert.X509Certificate;

import wslab.api.ClientEvents;
import wslab.api.LabClient;
import wslab.api.LabEnvironment;
import wslab.api.Signal;
import wslab.faults.FaultLink;
import wslab.wire.RawConnection;
import wslab.wire.Transcript;

/**
 * Everything one check may use: its stage (the real world or a simulation), the target as this
 * check sees it, a seeded random source, its transcript, raw connections (direct or through a
 * faulty link), and the verdict helpers. Handed to each check method by {@link CheckExtension};
 * closed when the check ends.
 */
public final class CheckContext implements AutoCloseable {

    private final String checkId;
    private final GradeRun run;
    private final Random random;
    private final Stage stage;
    private final LabEnvironment env;
    private final Transcript transcript;
    private final List<String> nonStrict = new ArrayList<>();
    private final List<String> infos = new ArrayList<>();
    private final List<AutoCloseable> resources = new ArrayList<>();
    private Target.Session session;
    private FaultLink link;

    CheckContext(String checkId, GradeRun run) {
        this.checkId = checkId;
        this.run = run;
        // Each check draws from its own stream, so one check's randomness does not depend on
        // which checks ran before it.
        this.random = new Random(run.options().seed() ^ checkId.hashCode());
        this.stage = run.options().virtualTime() ? Stage.simulated(random.nextLong()) : Stage.real();
        this.env = stage.environment(random.nextLong());
        this.transcript = new Transcript(stage::nanoTime);
        if (stage.virtual()) {
            transcript.note("virtual time: a simulated network and clock; the times below are virtual");
        }
    }

    /** The world this check plays in. */
    public Stage stage() {
        return stage;
    }

    /** The suite's own clock, threads and sockets for this check: its servers and raw clients use them. */
    public LabEnvironment env() {
        return env;
    }

    public boolean virtualTime() {
        return stage.virtual();
    }

    /** {@code realMillis} of allowance for a busy machine on the real clock; none on virtual time. */
    public long slackMillis(long realMillis) {
        return stage.slackMillis(realMillis);
    }

    public long nanoTime() {
        return env.nanoTime();
    }

    public void sleep(Duration d) throws InterruptedException {
        env.sleep(d);
    }

    public Signal newSignal() {
        return env.newSignal();
    }

    private Target.Session session() throws IOException {
        if (session == null) {
            session = run.target().open(stage, run.lesson(), random.nextLong(), transcript::note);
        }
        return session;
    }

    /** The server under test. */
    public URI target() throws IOException {
        return session().serverUrl();
    }

    /**
     * Starts a fresh client under test (client-side lessons) connecting to {@code url}; it is
     * disposed of when the check ends. Its jitter draws from this check's seed.
     */
    public LabClient startClient(URI url, ClientEvents events) throws IOException {
        LabClient c = session().newClient();
        resources.add(c::dispose);
        transcript.note("client under test: " + run.target().description() + ", connecting to " + url);
        c.start(url, events);
        return c;
    }

    /** Why the target has gone (a client program that exited), if it has: a check waiting on it should stop and say so. */
    /**
     * Whether this check meets a server that every check of the grade meets, one the grader did
     * not start (a URL): what an earlier check left there (rooms, client ids) is still there.
     */
    public boolean serverSharedWithOtherChecks() {
        return run.target().sharedByChecks();
    }

    public Optional<String> targetGone() {
        return session == null ? Optional.empty() : session.gone();
    }

    /** What the server under test has logged, if the grader started it (an in-process server, --server-cmd). */
    public Optional<ServerLog> serverLog() throws IOException {
        return session().serverLog();
    }

    /**
     * The certificates the suite trusts for a {@code wss://} target: those in the {@code --trust}
     * files, and those the server under test printed in its log (PEM) when the grader started it.
     */
    public List<X509Certificate> trustedCertificates() throws IOException {
        List<X509Certificate> trusted = new ArrayList<>();
        try {
            for (java.nio.file.Path file : run.options().trust()) {
                trusted.addAll(wslab.api.Tls.certificates(java.nio.file.Files.readString(file)));
            }
            Optional<ServerLog> log = serverLog();
            if (log.isPresent()) {
                trusted.addAll(wslab.api.Tls.certificates(log.get().text()));
            }
        } catch (java.security.cert.CertificateException e) {
            throw new IOException("a certificate to trust does not parse: " + e.getMessage(), e);
        }
        return trusted;
    }

    /** Closes {@code resource} when the check ends, whatever happens. */
    public <T extends AutoCloseable> T closeAtEnd(T resource) {
        return track(resource);
    }

    /** The server under test as a process the grader can kill and restart, if the target is one. */
    public Optional<RestartableServer> restartable() throws IOException {
        return session().restartable();
    }

    /** A fault link to any server the check runs itself, such as the server a client under test connects to. */
    public FaultLink faultsTo(String host, int port) throws IOException {
        if (link == null) {
            link = stage.faults().link("wslab-" + checkId.replace('/', '-').replace('.', '-'), host, port);
            transcript.note("fault link " + link.host() + ":" + link.port() + " → " + host + ":" + port
                    + " (" + link.backend() + ")");
        }
        return link;
    }

    public String host() throws IOException {
        return target().getHost();
    }

    public int port() throws IOException {
        URI t = target();
        if (t.getPort() > 0) {
            return t.getPort();
        }
        return "wss".equals(t.getScheme()) ? 443 : 80;
    }

    public Random random() {
        return random;
    }

    public long seed() {
        return run.options().seed();
    }

    public int timeoutMillis() {
        return run.options().timeoutMillis();
    }

    public Transcript transcript() {
        return transcript;
    }

    /** A raw TCP connection straight to the target. */
    public RawConnection connect() throws IOException {
        return track(RawConnection.open(env, host(), port(), timeoutMillis(), transcript, random));
    }

    /** A faulty link to the target (created on first use); set toxics on it with the Toxiproxy client. */
    public FaultLink faults() throws IOException {
        return faultsTo(host(), port());
    }

    /** A raw TCP connection to the target through {@link #faults()}; note the toxics first. */
    public RawConnection connectThroughFaults() throws IOException {
        // A proxy accepts even when the server behind it is down; find that out plainly first.
        RawConnection.open(env, host(), port(), timeoutMillis(), transcript, random).close();
        FaultLink l = faults();
        for (String toxic : l.activeToxics()) {
            transcript.note("toxic: " + toxic);
        }
        return track(RawConnection.open(env, l.host(), l.port(), timeoutMillis(), transcript, random));
    }

    /** The host:port string clients put in {@code Host}, as the target names it. */
    public String hostField() throws IOException {
        return host() + ":" + port();
    }

    /** A MUST: fails the check when {@code ok} is false. */
    public void require(boolean ok, String expected, String actual) {
        if (!ok) {
            throw new CheckFailed(expected, actual);
        }
    }

    /** A MUST whose failure text is built only when it fails: a text that describes frames may hold megabytes. */
    public void require(boolean ok, String expected, Supplier<String> actual) {
        if (!ok) {
            throw new CheckFailed(expected, actual.get());
        }
    }

    /** A SHOULD: NON-STRICT when {@code ok} is false, and a failure under {@code --strict}. */
    public void should(boolean ok, String expected, String actual) {
        if (ok) {
            return;
        }
        if (run.options().strict()) {
            throw new NonStrictViolation(expected, actual);
        }
        nonStrict.add("expected " + expected + ", but " + actual);
        transcript.note("NON-STRICT: expected " + expected + ", but " + actual);
    }

    /** An observation with no verdict, shown as the INFORMATIONAL result's text. */
    public void info(String observation) {
        infos.add(observation);
        transcript.note("INFO: " + observation);
    }

    List<String> observations() {
        return List.copyOf(infos);
    }

    List<String> nonStrictFindings() {
        return List.copyOf(nonStrict);
    }

    List<String> activeToxics() {
        return link == null ? List.of() : link.activeToxics();
    }

    /** Why the check's simulation stopped early (a thread blocked outside it), if it did. */
    Optional<String> stageFailure() {
        return stage instanceof SimStage s ? Optional.ofNullable(s.failure()) : Optional.empty();
    }

    private <T extends AutoCloseable> T track(T resource) {
        resources.add(resource);
        return resource;
    }

    /**
     * Ends the check's world first (a simulation revokes every simulated thread, so nothing below
     * waits for a turn that never comes), then its clients, connections, link and target session.
     */
    @Override
    public void close() {
        if (stage.virtual()) {
            stage.close();
        }
        for (AutoCloseable r : resources) {
            closeQuietly(r);
        }
        if (link != null) {
            closeQuietly(link);
        }
        if (session != null) {
            closeQuietly(session);
        }
        stage.close();
    }

    private static void closeQuietly(AutoCloseable r) {
        try {
            r.close();
        } catch (Throwable ignored) {
            // Best effort: a check's resources die with it, also after its simulation has ended.
        }
    }
}
