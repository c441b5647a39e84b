package wslab.lessons.framesclient;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ProtocolException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.random.RandomGenerator;

/** Given: the client's opening handshake (RFC 6455 §4.1), which lesson 01 taught from the server's side. */
final class Handshake {

    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private Handshake() {
    }

    /** Sends the request and reads the answer up to its empty line; throws unless it is the right 101. */
    static void open(InputStream in, OutputStream out, URI url, RandomGenerator random) throws IOException {
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        String key = Base64.getEncoder().encodeToString(nonce);
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort() + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + key + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new ProtocolException("the server closed the connection during the handshake");
            }
            head.append((char) b);
        }
        String answer = head.toString();
        if (!answer.startsWith("HTTP/1.1 101") || !answer.toLowerCase(Locale.ROOT).contains(
                "sec-websocket-accept: " + accept(key).toLowerCase(Locale.ROOT) + "\r\n")) {
            throw new ProtocolException("the server did not accept the handshake: " + answer.lines().findFirst().orElse(""));
        }
    }

    private static String accept(String key) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.ISO_8859_1));
            return Base64.getEncoder().encodeToString(sha1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JRE has SHA-1", e);
        }
    }
}
