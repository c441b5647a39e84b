package wslab.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import eu.rekawek.toxiproxy.model.Toxic;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import eu.rekawek.toxiproxy.model.toxic.Bandwidth;
import eu.rekawek.toxiproxy.model.toxic.Latency;
import eu.rekawek.toxiproxy.model.toxic.LimitData;
import eu.rekawek.toxiproxy.model.toxic.ResetPeer;
import eu.rekawek.toxiproxy.model.toxic.Slicer;
import eu.rekawek.toxiproxy.model.toxic.SlowClose;
import eu.rekawek.toxiproxy.model.toxic.Timeout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import wslab.faults.bench.LoopbackServers;
import wslab.faults.embedded.EmbeddedToxiproxy;

/**
 * The embedded server answers Toxiproxy's API as the real one does: through the
 * toxiproxy-java client, and in raw HTTP for status codes, error bodies and JSON shapes.
 */
class ToxiproxyApiCompatibilityTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final String PROXY_P = "{\"name\":\"p\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"127.0.0.1:1111\"}";

    EmbeddedToxiproxy server;
    ToxiproxyClient client;

    @BeforeEach
    void start() throws IOException {
        server = EmbeddedToxiproxy.start("127.0.0.1", 0);
        client = new ToxiproxyClient("127.0.0.1", server.port());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    record Reply(int status, String body, String contentType) {
        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }
    }

    Reply call(String method, String path, String body, String userAgent) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (userAgent != null) {
            b.header("User-Agent", userAgent);
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.body(), r.headers().firstValue("Content-Type").orElse(""));
    }

    Reply call(String method, String path, String body) throws Exception {
        return call(method, path, body, null);
    }

    static int portOf(String listen) {
        return Integer.parseInt(listen.substring(listen.lastIndexOf(':') + 1));
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    // ---- through the Java client ----

    @Test
    void theJavaClientRoundTripsProxies() throws IOException {
        assertThat(client.version()).contains(EmbeddedToxiproxy.COMPATIBLE_VERSION);
        Proxy a = client.createProxy("a", "127.0.0.1:0", "127.0.0.1:1111");
        Proxy b = client.createProxy("b", "127.0.0.1:0", "127.0.0.1:2222");
        assertThat(a.getListen()).as("port 0 becomes the real port").startsWith("127.0.0.1:").isNotEqualTo("127.0.0.1:0");
        assertThat(a.isEnabled()).isTrue();
        assertThat(client.getProxies()).extracting(Proxy::getName).containsExactlyInAnyOrder("a", "b");
        assertThat(client.getProxy("b").getUpstream()).isEqualTo("127.0.0.1:2222");
        assertThat(client.getProxyOrNull("nope")).isNull();
        assertThatThrownBy(() -> client.getProxy("nope")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> client.createProxy("a", "127.0.0.1:0", "127.0.0.1:1"))
                .isInstanceOf(IOException.class).hasMessageContaining("409").hasMessageContaining("proxy already exists");

        b.setUpstream("127.0.0.1:3333");
        assertThat(client.getProxy("b").getUpstream()).isEqualTo("127.0.0.1:3333");
        b.setListen("127.0.0.1:0");
        assertThat(portOf(client.getProxy("b").getListen())).isPositive();
        b.disable();
        assertThat(client.getProxy("b").isEnabled()).isFalse();
        b.enable();
        assertThat(client.getProxy("b").isEnabled()).isTrue();
        a.delete();
        assertThat(client.getProxies()).extracting(Proxy::getName).containsExactly("b");
        assertThatThrownBy(a::delete).isInstanceOf(IOException.class);
    }

    @Test
    void theJavaClientAddsReadsUpdatesAndRemovesEveryToxicType() throws IOException {
        Proxy p = client.createProxy("t", "127.0.0.1:0", "127.0.0.1:1111");
        p.toxics().latency("latency", ToxicDirection.DOWNSTREAM, 100).setJitter(10);
        p.toxics().bandwidth("bandwidth", ToxicDirection.UPSTREAM, 50);
        p.toxics().slowClose("slow_close", ToxicDirection.DOWNSTREAM, 200);
        p.toxics().timeout("timeout", ToxicDirection.UPSTREAM, 300);
        p.toxics().resetPeer("reset_peer", ToxicDirection.DOWNSTREAM, 400);
        p.toxics().slicer("slicer", ToxicDirection.DOWNSTREAM, 10, 2).setDelay(1000);
        p.toxics().limitData("limit_data", ToxicDirection.UPSTREAM, 500);
        assertThat(p.toxics().getAll()).as("upstream first, then downstream, each in the order added, as Toxiproxy lists them")
                .extracting(Toxic::getName)
                .containsExactly("bandwidth", "timeout", "limit_data", "latency", "slow_close", "reset_peer", "slicer");

        Latency latency = p.toxics().get("latency", Latency.class);
        assertThat(latency.getLatency()).isEqualTo(100);
        assertThat(latency.getJitter()).isEqualTo(10);
        assertThat(latency.getStream()).isEqualTo(ToxicDirection.DOWNSTREAM);
        assertThat(latency.getToxicity()).isEqualTo(1.0f);
        latency.setLatency(250);
        assertThat(p.toxics().get("latency", Latency.class).getLatency()).isEqualTo(250);
        assertThat(p.toxics().get("latency", Latency.class).getJitter()).as("an update keeps the other attributes").isEqualTo(10);
        latency.setToxicity(0.5f);
        assertThat(p.toxics().get("latency").getToxicity()).isEqualTo(0.5f);

        assertThat(p.toxics().get("bandwidth", Bandwidth.class).setRate(75).getRate()).isEqualTo(75);
        assertThat(p.toxics().get("bandwidth", Bandwidth.class).getRate()).isEqualTo(75);
        p.toxics().get("slow_close", SlowClose.class).setDelay(222);
        assertThat(p.toxics().get("slow_close", SlowClose.class).getDelay()).isEqualTo(222);
        p.toxics().get("timeout", Timeout.class).setTimeout(333);
        assertThat(p.toxics().get("timeout", Timeout.class).getTimeout()).isEqualTo(333);
        p.toxics().get("reset_peer", ResetPeer.class).setTimeout(444);
        assertThat(p.toxics().get("reset_peer", ResetPeer.class).getTimeout()).isEqualTo(444);
        Slicer slicer = p.toxics().get("slicer", Slicer.class);
        assertThat(slicer.getAverageSize()).isEqualTo(10);
        assertThat(slicer.getDelay()).isEqualTo(1000);
        slicer.setAverageSize(20).setSizeVariation(3).setDelay(7);
        Slicer reread = p.toxics().get("slicer", Slicer.class);
        assertThat(List.of(reread.getAverageSize(), reread.getSizeVariation(), reread.getDelay())).containsExactly(20L, 3L, 7L);
        p.toxics().get("limit_data", LimitData.class).setBytes(555);
        assertThat(p.toxics().get("limit_data", LimitData.class).getBytes()).isEqualTo(555);
        assertThat(client.getProxy("t").toxics().getAll()).hasSize(7);

        p.toxics().get("slicer").remove();
        assertThat(p.toxics().getAll()).hasSize(6);
        assertThatThrownBy(() -> p.toxics().get("slicer")).isInstanceOf(IOException.class);
        p.disable();
        client.reset();
        assertThat(p.toxics().getAll()).as("reset removes every toxic").isEmpty();
        assertThat(client.getProxy("t").isEnabled()).as("and enables every proxy").isTrue();
    }

    /**
     * toxiproxy-java 2.1.11's {@code slicer(name, stream, averageSize, sizeVariation)} stores its
     * last argument as {@code delay}, not {@code size_variation}, on any server. Pinned here so a
     * client upgrade that fixes it is noticed; callers wanting variation call setSizeVariation.
     */
    @Test
    void theJavaClientsSlicerShorthandSendsItsVariationAsTheDelay() throws Exception {
        Proxy p = client.createProxy("q", "127.0.0.1:0", "127.0.0.1:1111");
        p.toxics().slicer("s", ToxicDirection.DOWNSTREAM, 10, 2);
        JsonNode sent = call("GET", "/proxies/q/toxics/s", null).json().get("attributes");
        assertThat(sent.get("average_size").asInt()).isEqualTo(10);
        assertThat(sent.get("size_variation").asInt()).isZero();
        assertThat(sent.get("delay").asInt()).isEqualTo(2);
        p.toxics().get("s", Slicer.class).setSizeVariation(2);
        assertThat(call("GET", "/proxies/q/toxics/s", null).json().at("/attributes/size_variation").asInt()).isEqualTo(2);
    }

    @Test
    void aProxyCreatedThroughTheClientCarriesTraffic() throws Exception {
        try (ServerSocket echo = LoopbackServers.echo()) {
            Proxy p = client.createProxy("e", "127.0.0.1:0", "127.0.0.1:" + echo.getLocalPort());
            try (Socket s = new Socket("127.0.0.1", portOf(p.getListen()))) {
                s.setSoTimeout(5000);
                s.getOutputStream().write("ping".getBytes());
                assertThat(new String(s.getInputStream().readNBytes(4))).isEqualTo("ping");
            }
        }
    }

    // ---- raw HTTP: shapes ----

    @Test
    void proxiesAndToxicsHaveToxiproxysJsonShape() throws Exception {
        call("POST", "/proxies", PROXY_P);
        call("POST", "/proxies/p/toxics", "{\"type\":\"slicer\",\"stream\":\"upstream\",\"attributes\":{\"average_size\":3}}");
        JsonNode all = call("GET", "/proxies", null).json();
        assertThat(fieldNames(all)).containsExactly("p");
        JsonNode p = all.get("p");
        assertThat(fieldNames(p)).containsExactlyInAnyOrder("name", "listen", "upstream", "enabled", "toxics");
        assertThat(p.get("enabled").asBoolean()).isTrue();
        JsonNode toxic = p.get("toxics").get(0);
        assertThat(fieldNames(toxic)).containsExactlyInAnyOrder("name", "type", "stream", "toxicity", "attributes");
        assertThat(toxic.get("name").asText()).isEqualTo("slicer_upstream");
        assertThat(fieldNames(toxic.get("attributes"))).containsExactlyInAnyOrder("average_size", "size_variation", "delay");
        assertThat(toxic.at("/attributes/average_size").asInt()).isEqualTo(3);
        assertThat(toxic.at("/attributes/delay").asInt()).isZero();

        Reply version = call("GET", "/version", null);
        assertThat(version.status()).isEqualTo(200);
        assertThat(version.json().get("version").asText()).isEqualTo("2.12.0");
    }

    @Test
    void aToxicDefaultsToDownstreamFullToxicityAndTypeUnderscoreStream() throws Exception {
        call("POST", "/proxies", PROXY_P);
        Reply toxic = call("POST", "/proxies/p/toxics", "{\"type\":\"latency\",\"attributes\":{\"latency\":10}}");
        assertThat(toxic.status()).isEqualTo(200);
        assertThat(toxic.json().get("name").asText()).isEqualTo("latency_downstream");
        assertThat(toxic.json().get("stream").asText()).isEqualTo("downstream");
        assertThat(toxic.json().get("toxicity").asDouble()).isEqualTo(1.0);
        assertThat(toxic.json().at("/attributes/jitter").asInt()).isZero();
    }

    @Test
    void updatesComeAsPostOrPatchAndChangeOnlyToxicityAndAttributes() throws Exception {
        call("POST", "/proxies", PROXY_P);
        call("POST", "/proxies/p/toxics", "{\"type\":\"latency\",\"attributes\":{\"latency\":10}}");
        Reply patched = call("PATCH", "/proxies/p/toxics/latency_downstream", "{\"attributes\":{\"jitter\":5}}");
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json().at("/attributes/latency").asInt()).isEqualTo(10);
        assertThat(patched.json().at("/attributes/jitter").asInt()).isEqualTo(5);
        Reply posted = call("POST", "/proxies/p/toxics/latency_downstream", "{\"toxicity\":0.25,\"stream\":\"upstream\"}");
        assertThat(posted.json().get("toxicity").asDouble()).isEqualTo(0.25);
        assertThat(posted.json().get("stream").asText()).as("the stream cannot change").isEqualTo("downstream");

        assertThat(call("PATCH", "/proxies/p", "{\"enabled\":false}").json().get("enabled").asBoolean()).isFalse();
        assertThat(call("POST", "/proxies/p", "{\"enabled\":true}").json().get("enabled").asBoolean()).isTrue();
    }

    // ---- raw HTTP: status codes and errors ----

    @Test
    void statusCodesAndErrorBodiesMatchToxiproxy() throws Exception {
        Reply created = call("POST", "/proxies", PROXY_P);
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.contentType()).startsWith("application/json");

        Reply duplicate = call("POST", "/proxies", PROXY_P);
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(fieldNames(duplicate.json())).containsExactly("error", "status");
        assertThat(duplicate.json().get("error").asText()).isEqualTo("proxy already exists");
        assertThat(duplicate.json().get("status").asInt()).isEqualTo(409);

        Reply noUpstream = call("POST", "/proxies", "{\"name\":\"q\"}");
        assertThat(noUpstream.status()).isEqualTo(400);
        assertThat(noUpstream.json().get("error").asText()).isEqualTo("missing required field: upstream");
        assertThat(call("POST", "/proxies", "{\"upstream\":\"127.0.0.1:1\"}").json().get("error").asText())
                .isEqualTo("missing required field: name");
        assertThat(call("POST", "/proxies", "{not json").status()).isEqualTo(400);
        assertThat(call("POST", "/proxies", "{not json").json().get("error").asText()).startsWith("bad request body");
        assertThat(call("POST", "/proxies", null).status()).as("empty body").isEqualTo(400);
        assertThat(call("POST", "/proxies", "{\"name\":\"q\",\"upstream\":\"x:1\",\"enabled\":\"yes\"}").status()).isEqualTo(400);

        Reply noProxy = call("GET", "/proxies/missing", null);
        assertThat(noProxy.status()).isEqualTo(404);
        assertThat(noProxy.json().get("error").asText()).isEqualTo("proxy not found");
        assertThat(call("POST", "/proxies/missing/toxics", "{\"type\":\"latency\"}").status()).isEqualTo(404);
        Reply noToxic = call("GET", "/proxies/p/toxics/missing", null);
        assertThat(noToxic.status()).isEqualTo(404);
        assertThat(noToxic.json().get("error").asText()).isEqualTo("toxic not found");
        assertThat(call("PATCH", "/proxies/p/toxics/missing", "{}").status()).isEqualTo(404);
        assertThat(call("DELETE", "/proxies/p/toxics/missing", null).status()).isEqualTo(404);

        assertThat(call("POST", "/proxies/p/toxics", "{\"type\":\"latency\"}").status()).isEqualTo(200);
        Reply duplicateToxic = call("POST", "/proxies/p/toxics", "{\"type\":\"latency\"}");
        assertThat(duplicateToxic.status()).isEqualTo(409);
        assertThat(duplicateToxic.json().get("error").asText()).isEqualTo("toxic already exists");
        Reply unknownType = call("POST", "/proxies/p/toxics", "{\"type\":\"earthquake\"}");
        assertThat(unknownType.status()).isEqualTo(400);
        assertThat(unknownType.json().get("error").asText()).isEqualTo("invalid toxic type");
        assertThat(call("POST", "/proxies/p/toxics", "{\"name\":\"x\"}").status()).as("no type at all").isEqualTo(400);
        Reply badStream = call("POST", "/proxies/p/toxics", "{\"type\":\"latency\",\"stream\":\"sideways\"}");
        assertThat(badStream.status()).isEqualTo(400);
        assertThat(badStream.json().get("error").asText()).contains("stream was invalid");
        assertThat(call("POST", "/proxies/p/toxics", "{\"type\":\"bandwidth\",\"attributes\":{\"rate\":\"fast\"}}").status())
                .as("an attribute of the wrong type").isEqualTo(400);
        assertThat(call("POST", "/proxies/p/toxics", "{\"type\":\"bandwidth\",\"attributes\":{\"rate\":1.5}}").status())
                .as("a fraction where a whole number belongs").isEqualTo(400);
        assertThat(call("POST", "/proxies/p/toxics", "{\"type\":\"latency\",\"name\":\"l2\",\"toxicity\":\"high\"}").status())
                .isEqualTo(400);
        assertThat(call("PATCH", "/proxies/p/toxics/latency_downstream", "{\"attributes\":{\"latency\":\"x\"}}").status())
                .isEqualTo(400);

        assertThat(call("DELETE", "/proxies/p/toxics/latency_downstream", null).status()).isEqualTo(204);
        assertThat(call("POST", "/reset", null).status()).isEqualTo(204);
        assertThat(call("DELETE", "/proxies/p", null).status()).isEqualTo(204);
        assertThat(call("DELETE", "/proxies/p", null).status()).isEqualTo(404);

        Reply unknownPath = call("GET", "/nowhere", null);
        assertThat(unknownPath.status()).isEqualTo(404);
        assertThat(unknownPath.body()).isEqualTo("404 page not found\n");
        assertThat(call("PUT", "/proxies", "{}").status()).isEqualTo(405);
        assertThat(call("GET", "/reset", null).status()).isEqualTo(405);
    }

    @Test
    void aListenAddressInUseIsAServerError() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Reply r = call("POST", "/proxies", "{\"name\":\"busy\",\"listen\":\"127.0.0.1:" + taken.getLocalPort()
                    + "\",\"upstream\":\"127.0.0.1:1\"}");
            assertThat(r.status()).isEqualTo(500);
            assertThat(r.json().get("status").asInt()).isEqualTo(500);
        }
        assertThat(call("GET", "/proxies/busy", null).status()).as("nothing half-created").isEqualTo(404);
    }

    @Test
    void browsersAreRefusedAsTheRealServerRefusesThem() throws Exception {
        Reply refused = call("GET", "/proxies", null, "Mozilla/5.0 (X11; Linux x86_64) Chrome/156");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).isEqualTo("User agent not allowed\n");
        assertThat(call("GET", "/proxies", null, "toxiproxy-cli/2.12.0 linux/amd64").status()).isEqualTo(200);
    }

    // ---- proxies: listen, enable, populate ----

    @Test
    void aDisabledProxyDoesNotListenAndKeepsItsPortWhenEnabledAgain() throws Exception {
        Reply created = call("POST", "/proxies", "{\"name\":\"d\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"127.0.0.1:1\",\"enabled\":false}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("enabled").asBoolean()).isFalse();
        assertThat(created.json().get("listen").asText()).isEqualTo("127.0.0.1:0");
        int port = portOf(call("PATCH", "/proxies/d", "{\"enabled\":true}").json().get("listen").asText());
        assertThat(port).isPositive();
        call("PATCH", "/proxies/d", "{\"enabled\":false}");
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(IOException.class);
        assertThat(portOf(call("PATCH", "/proxies/d", "{\"enabled\":true}").json().get("listen").asText())).isEqualTo(port);
        new Socket("127.0.0.1", port).close();
    }

    @Test
    void aNewUpstreamCutsOpenConnectionsAsToxiproxyRestartsTheProxy() throws Exception {
        try (ServerSocket echo = LoopbackServers.echo(); ServerSocket other = LoopbackServers.echo()) {
            Proxy p = client.createProxy("u", "127.0.0.1:0", "127.0.0.1:" + echo.getLocalPort());
            try (Socket s = new Socket("127.0.0.1", portOf(p.getListen()))) {
                s.setSoTimeout(5000);
                s.getOutputStream().write('a');
                assertThat(s.getInputStream().read()).isEqualTo('a');
                p.setUpstream("127.0.0.1:" + other.getLocalPort());
                int read;
                try {
                    read = s.getInputStream().read();
                } catch (java.net.SocketException e) {
                    read = -1;
                }
                assertThat(read).isEqualTo(-1);
            }
        }
    }

    @Test
    void populateCreatesKeepsAndReplacesProxies() throws Exception {
        Reply r = call("POST", "/populate", "[{\"name\":\"x\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"127.0.0.1:1\"},"
                + "{\"name\":\"y\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"127.0.0.1:2\",\"enabled\":false}]");
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.json().get("proxies")).hasSize(2);
        assertThat(client.getProxy("y").isEnabled()).isFalse();
        String xListen = client.getProxy("x").getListen();
        call("POST", "/populate", "[{\"name\":\"x\",\"listen\":\"" + xListen + "\",\"upstream\":\"127.0.0.1:1\"}]");
        assertThat(client.getProxy("x").getListen()).as("identical: kept as it is").isEqualTo(xListen);
        call("POST", "/populate", "[{\"name\":\"x\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"127.0.0.1:9\"}]");
        assertThat(client.getProxy("x").getUpstream()).as("changed: replaced").isEqualTo("127.0.0.1:9");

        Reply missing = call("POST", "/populate", "[{\"name\":\"z\",\"upstream\":\"127.0.0.1:1\"},{\"name\":\"w\"}]");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("error").asText()).isEqualTo("missing required field: upstream at proxy 2");
        assertThat(client.getProxyOrNull("z")).as("the whole list is checked before anything changes").isNull();
        assertThat(call("POST", "/populate", "{\"name\":\"x\"}").status()).isEqualTo(400);
    }
}
