package wslab.wire;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Random;

/**
 * The suite's own computation of Sec-WebSocket-Accept (RFC 6455 §4.2.2 item 5.4). It shares no
 * code with any implementation it grades, on purpose.
 */
public final class AcceptKeys {

    /** RFC 6455 §1.3: the GUID every server appends to the client's key. */
    public static final String WEBSOCKET_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private AcceptKeys() {
    }

    public static String acceptFor(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1")
                    .digest((key + WEBSOCKET_GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }

    /** A fresh client key: base64 of 16 random bytes, as §4.1 item 7 asks. */
    public static String newKey(Random random) {
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        return Base64.getEncoder().encodeToString(nonce);
    }
}
