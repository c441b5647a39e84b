package wslab.checks.lesson01;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

import wslab.wire.AcceptKeys;

/**
 * Recognises the usual wrong Sec-WebSocket-Accept values, so a failed check can say what went
 * wrong rather than only that the value differs.
 */
final class AcceptDiagnosis {

    private AcceptDiagnosis() {
    }

    /** A short explanation of how {@code actual} was probably computed, or "" if unrecognised. */
    static String explain(String key, String actual) {
        if (actual.equals(key)) {
            return " (that is the key itself, sent back unchanged)";
        }
        byte[] right = sha1((key + AcceptKeys.WEBSOCKET_GUID).getBytes(StandardCharsets.US_ASCII));
        if (actual.equalsIgnoreCase(HexFormat.of().formatHex(right))) {
            return " (that is the SHA-1 in hex; RFC 6455 §4.2.2 asks for base64 of the 20 digest bytes)";
        }
        if (actual.equals(Base64.getEncoder().encodeToString(sha1(key.getBytes(StandardCharsets.US_ASCII))))) {
            return " (that is SHA-1 of the key alone: append the GUID " + AcceptKeys.WEBSOCKET_GUID + " first)";
        }
        try {
            byte[] decoded = Base64.getDecoder().decode(key);
            byte[] concatenated = new byte[decoded.length + AcceptKeys.WEBSOCKET_GUID.length()];
            System.arraycopy(decoded, 0, concatenated, 0, decoded.length);
            System.arraycopy(AcceptKeys.WEBSOCKET_GUID.getBytes(StandardCharsets.US_ASCII), 0, concatenated,
                    decoded.length, AcceptKeys.WEBSOCKET_GUID.length());
            if (actual.equals(Base64.getEncoder().encodeToString(sha1(concatenated)))) {
                return " (that hashes the base64-decoded key; hash the key exactly as sent, as text)";
            }
        } catch (IllegalArgumentException ignored) {
            // The key was not base64; nothing more to recognise.
        }
        if (actual.equals(Base64.getEncoder().encodeToString((key + AcceptKeys.WEBSOCKET_GUID).getBytes(StandardCharsets.US_ASCII)))) {
            return " (that is base64 of key+GUID without the SHA-1 step)";
        }
        return "";
    }

    private static byte[] sha1(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
