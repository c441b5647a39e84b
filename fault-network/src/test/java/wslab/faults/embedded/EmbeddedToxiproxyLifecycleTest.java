package wslab.faults.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import org.junit.jupiter.api.Test;

/** Servers start side by side and one after another, and a closed one leaves nothing behind. */
class EmbeddedToxiproxyLifecycleTest {

    static int portOf(String listen) {
        return Integer.parseInt(listen.substring(listen.lastIndexOf(':') + 1));
    }

    static boolean anyThreadStartsWith(String prefix) {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.isAlive() && t.getName().startsWith(prefix + "-"));
    }

    @Test
    void severalServersRunSideBySideWithTheirOwnProxies() throws IOException {
        List<EmbeddedToxiproxy> servers = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                servers.add(EmbeddedToxiproxy.start("127.0.0.1", 0));
            }
            assertThat(servers).extracting(EmbeddedToxiproxy::port).doesNotHaveDuplicates();
            new ToxiproxyClient("127.0.0.1", servers.get(0).port()).createProxy("only-on-0", "127.0.0.1:0", "127.0.0.1:1");
            assertThat(new ToxiproxyClient("127.0.0.1", servers.get(1).port()).getProxies()).isEmpty();
            assertThat(servers.get(2).url()).isEqualTo("http://127.0.0.1:" + servers.get(2).port());
        } finally {
            servers.forEach(EmbeddedToxiproxy::close);
        }
    }

    @Test
    void closeReleasesTheApiPortEveryProxyPortAndEveryThread() throws Exception {
        EmbeddedToxiproxy server = EmbeddedToxiproxy.start("127.0.0.1", 0);
        ToxiproxyClient client = new ToxiproxyClient("127.0.0.1", server.port());
        Proxy p = client.createProxy("gone", "127.0.0.1:0", "127.0.0.1:1");
        int proxyPort = portOf(p.getListen());
        int apiPort = server.port();
        assertThat(anyThreadStartsWith(server.threadPrefix())).isTrue();

        server.close();
        server.close();
        assertThat(server.awaitClose(Duration.ofSeconds(1))).isTrue();
        assertThatThrownBy(() -> new Socket("127.0.0.1", proxyPort).close()).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> new Socket("127.0.0.1", apiPort).close()).isInstanceOf(IOException.class);
        await().atMost(Duration.ofSeconds(5)).until(() -> !anyThreadStartsWith(server.threadPrefix()));

        try (EmbeddedToxiproxy again = EmbeddedToxiproxy.start("127.0.0.1", apiPort)) {
            assertThat(new ToxiproxyClient("127.0.0.1", again.port()).getProxies()).as("a fresh server on the same port").isEmpty();
        }
    }

    @Test
    void awaitCloseBlocksUntilClosed() throws Exception {
        EmbeddedToxiproxy server = EmbeddedToxiproxy.start("127.0.0.1", 0);
        assertThat(server.awaitClose(Duration.ofMillis(100))).isFalse();
        Thread closer = new Thread(server::close);
        closer.start();
        server.awaitClose();
        closer.join();
    }

    @Test
    void aBusyPortIsReportedAsABindError() throws IOException {
        try (EmbeddedToxiproxy server = EmbeddedToxiproxy.start("127.0.0.1", 0)) {
            assertThatThrownBy(() -> EmbeddedToxiproxy.start("127.0.0.1", server.port())).isInstanceOf(java.net.BindException.class);
        }
    }
}
