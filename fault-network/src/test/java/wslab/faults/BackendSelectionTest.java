package wslab.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import org.junit.jupiter.api.Test;
import wslab.faults.bench.LoopbackServers;
import wslab.faults.embedded.EmbeddedToxiproxy;

/**
 * Which backend runs: forced, external, Testcontainers only where Docker answers, embedded
 * otherwise. Docker's answer and the container are passed in, so both sides are tested here,
 * where no engine runs.
 */
class BackendSelectionTest {

    /** A stand-in for the container backend, so selection can be tested without Docker. */
    static final class FakeContainerBackend implements Backend {
        @Override
        public String describe() {
            return "fake container";
        }

        @Override
        public String name() {
            return "testcontainers";
        }

        @Override
        public String apiUrl() {
            return "http://127.0.0.1:1";
        }

        @Override
        public ToxiproxyClient client() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Proxy createProxy(String name, String host, int port) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String connectHost(Proxy proxy) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int connectPort(Proxy proxy) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
        }
    }

    final AtomicInteger containerStarts = new AtomicInteger();

    Backend container() {
        containerStarts.incrementAndGet();
        return new FakeContainerBackend();
    }

    Backend failingContainer() {
        containerStarts.incrementAndGet();
        throw new IllegalStateException(TestcontainersBackend.IMAGE + " could not start: pull access denied");
    }

    @Test
    void withoutDockerOrToxiproxyUrlTheEmbeddedServerIsChosenAndNoContainerIsTried() {
        try (Backend b = FaultNetwork.choose(null, null, () -> false, this::container)) {
            assertThat(b.name()).isEqualTo("embedded");
            assertThat(b.describe()).startsWith("embedded Toxiproxy-compatible server (API 2.12.0) at http://127.0.0.1:");
        }
        assertThat(containerStarts).hasValue(0);
    }

    @Test
    void whenDockerAnswersTheContainerIsChosen() {
        try (Backend b = FaultNetwork.choose(null, null, () -> true, this::container)) {
            assertThat(b.name()).isEqualTo("testcontainers");
        }
        assertThat(containerStarts).hasValue(1);
    }

    @Test
    void whenTheImageCannotBeHadTheEmbeddedServerTakesOverWithANoteInTheSameLine() {
        try (Backend b = FaultNetwork.choose(null, null, () -> true, this::failingContainer)) {
            assertThat(b.name()).isEqualTo("embedded");
            assertThat(b.describe()).contains("embedded Toxiproxy-compatible server")
                    .contains("(Docker answers but ghcr.io/shopify/toxiproxy:2.12.0 could not start: pull access denied)")
                    .doesNotContain("\n");
        }
    }

    @Test
    void forcingTestcontainersWithoutDockerIsAClearOneLineError() {
        assertThatThrownBy(() -> FaultNetwork.choose("testcontainers", null, () -> false, this::container))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("fault backend 'testcontainers' was forced but no Docker engine answers");
        assertThat(containerStarts).hasValue(0);
        assertThatThrownBy(() -> FaultNetwork.choose("testcontainers", null, () -> true, this::failingContainer))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("could not start")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void forcingOtherBackendsThatAreNotThereIsAClearError() {
        assertThatThrownBy(() -> FaultNetwork.choose("external", null, () -> false, this::container))
                .isInstanceOf(IllegalStateException.class).hasMessage("fault backend 'external' was forced but TOXIPROXY_URL is not set");
        assertThatThrownBy(() -> FaultNetwork.choose("carrier-pigeon", null, () -> false, this::container))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("choose embedded, external or testcontainers");
        assertThatThrownBy(() -> FaultNetwork.choose(null, "http://127.0.0.1:1", () -> false, this::container))
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("no Toxiproxy answers at TOXIPROXY_URL=");
        assertThatThrownBy(() -> FaultNetwork.choose(null, "not a url", () -> false, this::container))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("must look like http://host:8474");
    }

    @Test
    void forcingEmbeddedIgnoresToxiproxyUrlAndDocker() {
        try (Backend b = FaultNetwork.choose(" Embedded ", "http://127.0.0.1:1", () -> true, this::container)) {
            assertThat(b.name()).isEqualTo("embedded");
        }
        assertThat(containerStarts).hasValue(0);
    }

    @Test
    void toxiproxyUrlSelectsTheExternalBackendAndLinksWorkThroughIt() throws Exception {
        try (EmbeddedToxiproxy standIn = EmbeddedToxiproxy.start("127.0.0.1", 0);
             Backend b = FaultNetwork.choose(null, standIn.url(), () -> true, this::container);
             ServerSocket echo = LoopbackServers.echo()) {
            assertThat(b.name()).isEqualTo("external");
            assertThat(b.describe()).isEqualTo("external Toxiproxy at " + standIn.url());
            assertThat(containerStarts).as("TOXIPROXY_URL comes before Docker").hasValue(0);
            try (FaultLink link = new FaultLink(b, b.createProxy("via-external", "127.0.0.1", echo.getLocalPort()))) {
                link.toxics().latency("slow", ToxicDirection.DOWNSTREAM, 100);
                assertThat(link.backend()).isEqualTo("external");
                try (Socket s = new Socket(link.host(), link.port())) {
                    s.setSoTimeout(5000);
                    long t0 = System.nanoTime();
                    s.getOutputStream().write('e');
                    assertThat(s.getInputStream().read()).isEqualTo('e');
                    assertThat((System.nanoTime() - t0) / 1_000_000).isGreaterThanOrEqualTo(100);
                }
            }
            assertThat(b.client().getProxies()).as("closing the link deleted its proxy").isEmpty();
        }
    }

    @Test
    void theRealDockerProbeHereSaysNoQuicklyAndQuietly() {
        assumeFalse(DockerProbe.someEndpointAccepts(), "a Docker socket answers on this machine");
        PrintStream err = System.err;
        PrintStream out = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        long t0 = System.nanoTime();
        boolean answers;
        try {
            PrintStream capture = new PrintStream(printed, true, StandardCharsets.UTF_8);
            System.setErr(capture);
            System.setOut(capture);
            answers = DockerProbe.engineAnswers();
        } finally {
            System.setErr(err);
            System.setOut(out);
        }
        assertThat(answers).isFalse();
        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(2000);
        assertThat(printed.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void forcingTestcontainersByPropertyHereFailsWithTheOneLineMessage() {
        assumeFalse(DockerProbe.someEndpointAccepts(), "a Docker socket answers on this machine");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setProperty(FaultNetwork.BACKEND_PROPERTY, "testcontainers");
        try {
            assertThatThrownBy(() -> FaultNetwork.choose(new PrintStream(printed, true, StandardCharsets.UTF_8)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("fault backend 'testcontainers' was forced but no Docker engine answers");
        } finally {
            System.clearProperty(FaultNetwork.BACKEND_PROPERTY);
        }
        assertThat(printed.size()).as("no backend, no announcement").isZero();
    }

    /**
     * The embedded path must not even load Testcontainers: its classes probe for Docker in static
     * code. A fresh class loader over the test class path runs the real selection and is then
     * asked which classes it loaded.
     */
    @Test
    void theEmbeddedPathLoadsNoTestcontainersClassAndPrintsExactlyOneLine() throws Exception {
        assumeFalse(DockerProbe.someEndpointAccepts(), "a Docker socket answers on this machine");
        assumeTrue(System.getenv(FaultNetwork.TOXIPROXY_URL_ENV) == null && System.getenv(FaultNetwork.BACKEND_ENV) == null
                && System.getProperty(FaultNetwork.BACKEND_PROPERTY) == null, "a backend is configured in this environment");
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            urls.add(Path.of(entry).toUri().toURL());
        }
        try (Isolated loader = new Isolated(urls.toArray(URL[]::new))) {
            Class<?> network = loader.loadClass(FaultNetwork.class.getName());
            Method choose = network.getDeclaredMethod("choose", PrintStream.class);
            choose.setAccessible(true);
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            choose.invoke(null, new PrintStream(printed, true, StandardCharsets.UTF_8));

            assertThat(printed.toString(StandardCharsets.UTF_8))
                    .matches("wslab faults: embedded Toxiproxy-compatible server \\(API 2\\.12\\.0\\) at http://127\\.0\\.0\\.1:\\d+\\R");
            assertThat(loader.loaded(FaultNetwork.class.getName())).as("the check itself ran in this loader").isTrue();
            assertThat(loader.loaded("wslab.faults.TestcontainersBackend")).isFalse();
            assertThat(loader.loaded("org.testcontainers.DockerClientFactory")).isFalse();
            assertThat(loader.loaded("org.testcontainers.containers.ToxiproxyContainer")).isFalse();
            assertThat(loader.loaded("org.testcontainers.Testcontainers")).isFalse();
        }
    }

    /** A class loader that loads the class path itself and says what it has loaded. */
    static final class Isolated extends URLClassLoader {
        Isolated(URL[] urls) {
            super(urls, ClassLoader.getPlatformClassLoader());
        }

        boolean loaded(String name) {
            return findLoadedClass(name) != null;
        }

        @Override
        public void close() throws IOException {
            super.close();
        }
    }
}
