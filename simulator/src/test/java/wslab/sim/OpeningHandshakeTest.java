package wslab.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.ProtocolException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 6455 §4.1 in {@link OpeningHandshake}: the request, and each check on the server's answer, kept and broken. */
class OpeningHandshakeTest {

    /** The RFC's own example (§1.3). */
    private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";
    private static final String ACCEPT = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";
    private static final String GOOD = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Accept: " + ACCEPT + "\r\n\r\n";

    private static void read(String answer) throws Exception {
        OpeningHandshake.readAnswer(new ByteArrayInputStream(answer.getBytes(StandardCharsets.ISO_8859_1)), KEY);
    }

    @Test
    void theRequestAsksForAWebSocketWithTheKey() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String key = OpeningHandshake.request(out, URI.create("ws://127.0.0.1:9001/feed?room=1"), "the sample nonce".getBytes(StandardCharsets.US_ASCII));
        assertThat(key).isEqualTo(KEY);
        assertThat(out.toString(StandardCharsets.ISO_8859_1)).startsWith("GET /feed?room=1 HTTP/1.1\r\n")
                .contains("Host: 127.0.0.1:9001\r\n", "Upgrade: websocket\r\n", "Connection: Upgrade\r\n",
                        "Sec-WebSocket-Key: " + KEY + "\r\n", "Sec-WebSocket-Version: 13\r\n").endsWith("\r\n\r\n");
    }

    @Test
    void aValidAnswerIsTakenWhateverTheCaseAndTokens() {
        assertThatCode(() -> read(GOOD)).doesNotThrowAnyException();
        assertThatCode(() -> read("HTTP/1.1 101 OK\r\nupgrade: WebSocket\r\nconnection: keep-alive, upgrade\r\n"
                + "sec-websocket-accept: " + ACCEPT + "\r\n\r\n")).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "HTTP/1.1 101 Switching Protocols | HTTP/1.1 200 OK | refused the upgrade",
        "Upgrade: websocket | Upgrade: h2c | Upgrade is not websocket",
        "Connection: Upgrade | Connection: keep-alive | Connection has no Upgrade",
        "Sec-WebSocket-Accept: " + ACCEPT + " | Sec-WebSocket-Accept: " + KEY + " | wrong Sec-WebSocket-Accept",
        "Connection: Upgrade | Connection: Upgrade\\r\\nSec-WebSocket-Extensions: permessage-deflate | did not ask for",
        "Connection: Upgrade | Connection: Upgrade\\r\\nSec-WebSocket-Protocol: chat | did not ask for",
    })
    void aBrokenAnswerFailsTheHandshake(String kept, String broken, String said) {
        String answer = GOOD.replace(kept, broken.replace("\\r\\n", "\r\n"));
        assertThat(answer).isNotEqualTo(GOOD);
        assertThatThrownBy(() -> read(answer)).isInstanceOf(ProtocolException.class).hasMessageContaining(said);
    }
}
