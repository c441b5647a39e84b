package wslab.reference.handshake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** RFC 6455 §4.2.2 item 5.4: the value of Sec-WebSocket-Accept. */
public final class AcceptKey {

    /** RFC 6455 §1.3: the GUID appended to the client's key. */
    public static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private AcceptKey() {
    }

    /** base64(SHA-1(key + GUID)), where key is the header value as sent, trimmed. */
    public static String forKey(String key) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] digest = sha1.digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JRE has SHA-1", e);
        }
    }

    /** RFC 6455 §4.1: the key is base64 of exactly 16 random bytes. */
    public static boolean isWellFormed(String key) {
        try {
            return key.length() == 24 && Base64.getDecoder().decode(key).length == 16;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
