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
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import eu.rekawek.toxiproxy.model.Toxic;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import eu.rekawek.toxiproxy.model.toxic.Latency;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import wslab.faults.bench.LoopbackServers;
import wslab.faults.embedded.EmbeddedToxiproxy;

/** The embedded server answers Toxiproxy's API as the real one does: the Java client and raw HTTP. */
class ToxiproxyApiCompatibilityTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();

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

    record Reply(int status, String body) {
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
        return new Reply(r.statusCode(), r.body());
    }

    Reply call(String method, String path, String body) throws Exception {
        return call(method, path, body, null);
    }

    @Test
    void theJavaClientRoundTripsProxies() throws IOException {
        assertThat(client.version()).contains(EmbeddedToxiproxy.COMPATIBLE_VERSION);
        Proxy a = client.createProxy("a", "127.0.0.1:0", "127.0.0.1:1111");
        Proxy b = client.createProxy("b", "127.0.0.1:0", "127.0.0.1:2222");
        assertThat(a.getListen()).startsWith("127.0.0.1:").isNotEqualTo("127.0.0.1:0");
        assertThat(client.getProxies()).extracting(Proxy::getName).containsExactlyInAnyOrder("a", "b");
        assertThat(client.getProxy("b").getUpstream()).isEqualTo("127.0.0.1:2222");
        assertThat(client.getProxyOrNull("nope")).isNull();

        b.setUpstream("127.0.0.1:3333");
        assertThat(client.getProxy("b").getUpstream()).isEqualTo("127.0.0.1:3333");
        b.disable();
        assertThat(client.getProxy("b").isEnabled()).isFalse();
        b.enable();
        assertThat(client.getProxy("b").isEnabled()).isTrue();
        a.delete();
        assertThat(client.getProxies()).extracting(Proxy::getName).containsExactly("b");
    }

    @Test
    void theJavaClientRoundTripsEveryToxicType() throws IOException {
        Proxy p = client.createProxy("t", "127.0.0.1:0", "127.0.0.1:1111");
        p.toxics().latency("latency", ToxicDirection.DOWNSTREAM, 100).setJitter(10);
        p.toxics().bandwidth("bandwidth", ToxicDirection.UPSTREAM, 50);
        p.toxics().slowClose("slow_close", ToxicDirection.DOWNSTREAM, 200);
        p.toxics().timeout("timeout", ToxicDirection.UPSTREAM, 300);
        p.toxics().resetPeer("reset_peer", ToxicDirection.DOWNSTREAM, 400);
        p.toxics().slicer("slicer", ToxicDirection.DOWNSTREAM, 10, 2).setDelay(1000);
        p.toxics().limitData("limit_data", ToxicDirection.UPSTREAM, 500);
        assertThat(p.toxics().getAll()).extracting(Toxic::getName)
                .containsExactly("latency", "bandwidth", "slow_close", "timeout", "reset_peer", "slicer", "limit_data");

        Latency latency = p.toxics().get("latency", Latency.class);
        assertThat(latency.getLatency()).isEqualTo(100);
        assertThat(latency.getJitter()).isEqualTo(10);
        latency.setLatency(250);
        assertThat(p.toxics().get("latency", Latency.class).getLatency()).isEqualTo(250);
        assertThat(p.toxics().get("latency", Latency.class).getJitter()).as("an update keeps other attributes").isEqualTo(10);
        latency.setToxicity(0.5f);
        assertThat(p.toxics().get("latency").getToxicity()).isEqualTo(0.5f);

        p.toxics().get("slicer").remove();
        assertThat(p.toxics().getAll()).hasSize(6);
        client.reset();
        assertThat(p.toxics().getAll()).isEmpty();
    }

    @Test
    void statusCodesAndErrorBodiesMatchToxiproxy() throws Exception {
        String proxy = "{\"name\":\"p\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"127.0.0.1:1111\"}";
        assertThat(call("POST", "/proxies", proxy).status()).isEqualTo(201);
        Reply duplicate = call("POST", "/proxies", proxy);
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.json().get("status").asInt()).isEqualTo(409);
        assertThat(duplicate.json().get("error").asText()).isNotBlank();

        assertThat(call("POST", "/proxies", "{\"name\":\"q\"}").status()).as("missing upstream").isEqualTo(400);
        assertThat(call("POST", "/proxies", "{not json").status()).isEqualTo(400);
        assertThat(call("GET", "/proxies/missing", null).status()).isEqualTo(404);
        assertThat(call("GET", "/proxies/p/toxics/missing", null).status()).isEqualTo(404);

        Reply toxic = call("POST", "/proxies/p/toxics", "{\"type\":\"latency\",\"attributes\":{\"latency\":10}}");
        assertThat(toxic.status()).isEqualTo(200);
        assertThat(toxic.json().get("name").asText()).as("default name").isEqualTo("latency_downstream");
        assertThat(toxic.json().get("stream").asText()).isEqualTo("downstream");
        assertThat(toxic.json().get("toxicity").asDouble()).isEqualTo(1.0);
        assertThat(call("POST", "/proxies/p/toxics", "{\"type\":\"latency\"}").status()).as("duplicate toxic").isEqualTo(409);
        assertThat(call("POST", "/proxies/p/toxics", "{\"type\":\"earthquake\"}").status()).isEqualTo(400);
        assertThat(call("POST", "/proxies/p/toxics", "{\"type\":\"bandwidth\",\"attributes\":{\"rate\":\"fast\"}}").status())
                .isEqualTo(400);
        assertThat(call("PATCH", "/proxies/p/toxics/latency_downstream", "{\"attributes\":{\"jitter\":5}}").json()
                .at("/attributes/latency").asInt()).isEqualTo(10);
        assertThat(call("DELETE", "/proxies/p/toxics/latency_downstream", null).status()).isEqualTo(204);

        assertThat(call("POST", "/reset", null).status()).isEqualTo(204);
        assertThat(call("DELETE", "/proxies/p", null).status()).isEqualTo(204);
        assertThat(call("DELETE", "/proxies/p", null).status()).isEqualTo(404);
    }

    @Test
    void populateCreatesAndReplacesProxies() throws Exception {
        Reply r = call("POST", "/populate", "[{\"name\":\"x\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"127.0.0.1:1\"},"
                + "{\"name\":\"y\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"127.0.0.1:2\"}]");
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.json().get("proxies")).hasSize(2);
        call("POST", "/populate", "[{\"name\":\"x\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"127.0.0.1:9\"}]");
        assertThat(client.getProxy("x").getUpstream()).isEqualTo("127.0.0.1:9");
    }

    @Test
    void browsersAreRefusedAsTheRealServerRefusesThem() throws Exception {
        assertThat(call("GET", "/proxies", null, "Mozilla/5.0 (X11; Linux x86_64) Chrome/156").status()).isEqualTo(403);
        assertThat(call("GET", "/proxies", null, "toxiproxy-cli").status()).isEqualTo(200);
    }

    @Test
    void aProxyCreatedOverHttpCarriesTraffic() throws Exception {
        try (ServerSocket echo = LoopbackServers.echo()) {
            Reply r = call("POST", "/proxies", "{\"name\":\"e\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"127.0.0.1:"
                    + echo.getLocalPort() + "\"}");
            int port = Integer.parseInt(r.json().get("listen").asText().replaceAll(".*:", ""));
            try (Socket s = new Socket("127.0.0.1", port)) {
                s.setSoTimeout(5000);
                s.getOutputStream().write("ping".getBytes());
                assertThat(new String(s.getInputStream().readNBytes(4))).isEqualTo("ping");
            }
        }
    }

    @Test
    void aClosedServerReleasesItsPorts() throws Exception {
        Proxy p = client.createProxy("gone", "127.0.0.1:0", "127.0.0.1:1");
        int port = Integer.parseInt(p.getListen().replaceAll(".*:", ""));
        server.close();
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(IOException.class);
        server = EmbeddedToxiproxy.start("127.0.0.1", 0);
        assertThat(new ToxiproxyClient("127.0.0.1", server.port()).getProxies()).isEmpty();
    }
}
