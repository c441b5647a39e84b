package wslab.grader;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import wslab.api.ClientEvents;
import wslab.api.LabClient;
import wslab.faults.FaultLink;
import wslab.faults.FaultNetwork;
import wslab.wire.RawConnection;
import wslab.wire.Transcript;

/**
 * Everything one check may use: the target, a seeded random source, its transcript, raw
 * connections (direct or through a faulty link), and the verdict helpers. Handed to each check
 * method by {@link CheckExtension}; closed when the check ends.
 */
public final class CheckContext implements AutoCloseable {

    private final String checkId;
    private final URI target;
    private final ClientTarget client;
    private final long seed;
    private final boolean strict;
    private final int timeoutMillis;
    private final Random random;
    private final Transcript transcript = new Transcript();
    private final List<String> nonStrict = new ArrayList<>();
    private final List<String> infos = new ArrayList<>();
    private final List<AutoCloseable> resources = new ArrayList<>();
    private FaultLink link;

    CheckContext(String checkId, URI target, ClientTarget client, long seed, boolean strict, int timeoutMillis) {
        this.checkId = checkId;
        this.target = target;
        this.client = client;
        this.seed = seed;
        this.strict = strict;
        this.timeoutMillis = timeoutMillis;
        // Each check draws from its own stream, so one check's randomness does not depend on
        // which checks ran before it.
        this.random = new Random(seed ^ checkId.hashCode());
    }

    public URI target() {
        return target;
    }

    /**
     * Starts a fresh client under test (client-side lessons) connecting to {@code url}; it is
     * disposed of when the check ends. Its jitter draws from this check's seed.
     */
    public LabClient startClient(URI url, ClientEvents events) {
        if (client == null) {
            throw new IllegalStateException("this check grades a client, but the grader was given a server URL");
        }
        LabClient c = client.newClient(checkId.substring(0, checkId.indexOf('.')), random.nextLong(), transcript::note);
        resources.add(c::dispose);
        transcript.note("client under test: " + client.description() + ", connecting to " + url);
        c.start(url, events);
        return c;
    }

    /** A fault link to any server the check runs itself, such as the server a client under test connects to. */
    public FaultLink faultsTo(String host, int port) throws IOException {
        if (link == null) {
            link = FaultNetwork.shared().link("wslab-" + checkId.replace('/', '-').replace('.', '-'), host, port);
            transcript.note("fault link " + link.host() + ":" + link.port() + " → " + host + ":" + port
                    + " (" + link.backend() + ")");
        }
        return link;
    }

    public String host() {
        return target.getHost();
    }

    public int port() {
        if (target.getPort() > 0) {
            return target.getPort();
        }
        return "wss".equals(target.getScheme()) ? 443 : 80;
    }

    public Random random() {
        return random;
    }

    public long seed() {
        return seed;
    }

    public int timeoutMillis() {
        return timeoutMillis;
    }

    public Transcript transcript() {
        return transcript;
    }

    /** A raw TCP connection straight to the target. */
    public RawConnection connect() throws IOException {
        return track(RawConnection.open(host(), port(), timeoutMillis, transcript, random));
    }

    /** A faulty link to the target (created on first use); set toxics on it with the Toxiproxy client. */
    public FaultLink faults() throws IOException {
        return faultsTo(host(), port());
    }

    /** A raw TCP connection to the target through {@link #faults()}; note the toxics first. */
    public RawConnection connectThroughFaults() throws IOException {
        // A proxy accepts even when the server behind it is down; find that out plainly first.
        RawConnection.open(host(), port(), timeoutMillis, transcript, random).close();
        FaultLink l = faults();
        for (String toxic : l.activeToxics()) {
            transcript.note("toxic: " + toxic);
        }
        return track(RawConnection.open(l.host(), l.port(), timeoutMillis, transcript, random));
    }

    /** The host:port string clients put in {@code Host}, as the target names it. */
    public String hostField() {
        return host() + ":" + port();
    }

    /** A MUST: fails the check when {@code ok} is false. */
    public void require(boolean ok, String expected, String actual) {
        if (!ok) {
            throw new CheckFailed(expected, actual);
        }
    }

    /** A SHOULD: NON-STRICT when {@code ok} is false, and a failure under {@code --strict}. */
    public void should(boolean ok, String expected, String actual) {
        if (ok) {
            return;
        }
        if (strict) {
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

    private <T extends AutoCloseable> T track(T resource) {
        resources.add(resource);
        return resource;
    }

    @Override
    public void close() {
        for (AutoCloseable r : resources) {
            try {
                r.close();
            } catch (Exception ignored) {
                // Best effort: a check's connections die with it.
            }
        }
        if (link != null) {
            link.close();
        }
    }
}
