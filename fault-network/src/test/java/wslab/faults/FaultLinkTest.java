package wslab.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import eu.rekawek.toxiproxy.model.ToxicDirection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import wslab.faults.bench.LoopbackServers;

/** What checks see of a link: where to connect, how to rewrite a URI, and how toxics read in reports. */
class FaultLinkTest {

    static FaultNetwork network;
    static ServerSocket echo;

    @BeforeAll
    static void start() throws IOException {
        network = FaultNetwork.embedded();
        echo = LoopbackServers.echo();
    }

    @AfterAll
    static void stop() throws IOException {
        echo.close();
        network.close();
    }

    @Test
    void rewriteKeepsEverythingButHostAndPort() throws IOException {
        try (FaultLink link = network.link("rewrite", "127.0.0.1", echo.getLocalPort())) {
            URI rewritten = link.rewrite(URI.create("ws://example.org:8080/chat/room?x=1&y=%20z#top"));
            assertThat(rewritten.getScheme()).isEqualTo("ws");
            assertThat(rewritten.getHost()).isEqualTo(link.host()).isEqualTo("127.0.0.1");
            assertThat(rewritten.getPort()).isEqualTo(link.port()).isNotEqualTo(echo.getLocalPort());
            assertThat(rewritten.getPath()).isEqualTo("/chat/room");
            assertThat(rewritten.getQuery()).isEqualTo("x=1&y= z");
            assertThat(rewritten.getFragment()).isEqualTo("top");
            assertThat(link.rewrite(URI.create("wss://example.org/")).getPort()).isEqualTo(link.port());
        }
    }

    @Test
    void linksGetUniqueUrlSafeNamesAndTheBackendsName() throws IOException {
        try (FaultLink a = network.link("rfc6455/5.2 case", "127.0.0.1", echo.getLocalPort());
             FaultLink b = network.link("rfc6455/5.2 case", "127.0.0.1", echo.getLocalPort())) {
            assertThat(a.proxy().getName()).matches("rfc6455-5-2-case-\\d+-\\d+").isNotEqualTo(b.proxy().getName());
            assertThat(a.port()).isNotEqualTo(b.port());
            assertThat(a.backend()).isEqualTo("embedded");
            assertThat(a.toString()).contains(a.proxy().getName()).contains("embedded");
        }
    }

    @Test
    void activeToxicsReadAsOneLineEachWithToxiproxysUnits() throws IOException {
        try (FaultLink link = network.link("describe", "127.0.0.1", echo.getLocalPort())) {
            assertThat(link.activeToxics()).isEmpty();
            link.toxics().slicer("s", ToxicDirection.DOWNSTREAM, 1, 0).setDelay(200);
            link.toxics().latency("l", ToxicDirection.UPSTREAM, 300).setJitter(100);
            link.toxics().bandwidth("b", ToxicDirection.UPSTREAM, 64).setToxicity(0.5f);
            link.toxics().slowClose("c", ToxicDirection.DOWNSTREAM, 700);
            link.toxics().timeout("t", ToxicDirection.UPSTREAM, 0);
            link.toxics().resetPeer("r", ToxicDirection.DOWNSTREAM, 50);
            link.toxics().limitData("d", ToxicDirection.DOWNSTREAM, 1000);
            assertThat(link.activeToxics()).containsExactly(
                    "latency upstream latency=300ms jitter=100ms toxicity=1.0",
                    "bandwidth upstream rate=64KB/s toxicity=0.5",
                    "timeout upstream timeout=0ms toxicity=1.0",
                    "slicer downstream average_size=1 size_variation=0 delay=200µs toxicity=1.0",
                    "slow_close downstream delay=700ms toxicity=1.0",
                    "reset_peer downstream timeout=50ms toxicity=1.0",
                    "limit_data downstream bytes=1000 toxicity=1.0");
        }
    }

    @Test
    void resetRemovesEveryToxicAndEnablesTheProxy() throws IOException {
        try (FaultLink link = network.link("reset", "127.0.0.1", echo.getLocalPort())) {
            link.toxics().latency("l", ToxicDirection.UPSTREAM, 300);
            link.toxics().timeout("t", ToxicDirection.DOWNSTREAM, 0);
            link.proxy().disable();
            link.reset();
            assertThat(link.activeToxics()).isEmpty();
            try (Socket s = new Socket(link.host(), link.port())) {
                s.setSoTimeout(5000);
                s.getOutputStream().write('r');
                assertThat(s.getInputStream().read()).isEqualTo('r');
            }
        }
    }

    @Test
    void sharedChoosesOnceAndAnnouncesItInExactlyOneLine() throws IOException {
        PrintStream err = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        FaultNetwork first;
        FaultNetwork second;
        try {
            System.setErr(new PrintStream(printed, true, StandardCharsets.UTF_8));
            first = FaultNetwork.shared();
            second = FaultNetwork.shared();
        } finally {
            System.setErr(err);
        }
        assertThat(second).isSameAs(first);
        String line = printed.toString(StandardCharsets.UTF_8);
        assertThat(line.lines()).hasSize(1);
        assertThat(line).startsWith("wslab faults: ").contains(first.apiUrl());
        try (FaultLink link = first.link("shared", "127.0.0.1", echo.getLocalPort())) {
            assertThat(link.backend()).isEqualTo(first.backend());
        }
    }
}
