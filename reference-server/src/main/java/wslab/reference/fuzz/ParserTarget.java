package wslab.reference.fuzz;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import wslab.api.SecurityContract;
import wslab.reference.frames.FrameReader;
import wslab.reference.frames.ProtocolException;
import wslab.reference.handshake.HttpRequestHead;
import wslab.reference.security.ChatMessages;
import wslab.reference.security.OriginPolicy;
import wslab.reference.security.SecureChatServer;

/**
 * A parser under fuzzing: what it is fed, what it may throw (its declared refusals), and how
 * much it may allocate for one input. Anything else it throws is a crash; running past the
 * fuzzer's deadline is a hang.
 */
public interface ParserTarget {

    /** {@code frames}: the name {@code ./wslab fuzz --parser} takes. */
    String name();

    /** Valid inputs to start mutating from. */
    List<byte[]> seeds();

    /** Feeds {@code input} to the parser to its end. */
    void parse(byte[] input) throws Exception;

    /** Whether {@code t} is a refusal the parser declares (a protocol error), not a crash. */
    boolean declares(Throwable t);

    /** The most the parser may allocate, in bytes, for {@code input}. */
    long allocationLimit(byte[] input);

    /**
     * What any call may cost besides its input: exception objects with their stack traces, and the
     * JVM's own work the first time a path runs (a string concatenation is linked on first use).
     */
    long OVERHEAD = 1024 * 1024;

    /** The reference's three parsers: lesson 02's frame reader, lesson 01's handshake, lesson 09's messages. */
    List<ParserTarget> REFERENCE = List.of(new Frames(), new Handshake(), new Messages());

    static Optional<ParserTarget> named(String name) {
        return REFERENCE.stream().filter(t -> t.name().equals(name.toLowerCase(Locale.ROOT))).findFirst();
    }

    /** Lesson 02's frame reader, at lesson 09's limit: every frame of the input, until its end. */
    final class Frames implements ParserTarget {

        static final int LIMIT = SecurityContract.MAX_MESSAGE_BYTES;

        @Override
        public String name() {
            return "frames";
        }

        @Override
        public List<byte[]> seeds() {
            return List.of(
                    Inputs.frame(0x81, true, "hello".getBytes(StandardCharsets.UTF_8)),
                    Inputs.frame(0x89, true, new byte[0]),
                    Inputs.frame(0x88, true, new byte[] {0x03, (byte) 0xE8}),
                    Inputs.frame(0x01, true, new byte[200]),
                    Inputs.concat(Inputs.frame(0x01, true, new byte[10]), Inputs.frame(0x80, true, new byte[300])),
                    Inputs.frame(0x82, true, new byte[LIMIT]),
                    new byte[] {(byte) 0x81, (byte) 0xFF, 0, 0, 0, 0, 0x40, 0, 0, 0, 1, 2, 3, 4});
        }

        @Override
        public void parse(byte[] input) throws Exception {
            FrameReader reader = new FrameReader(new ByteArrayInputStream(input), LIMIT) {
            };
            while (reader.next().isPresent()) {
                // Every frame is read; each one consumes at least two bytes, so this ends.
            }
        }

        @Override
        public boolean declares(Throwable t) {
            return t instanceof ProtocolException || t instanceof IOException;
        }

        /** One frame's payload at most at once, plus what its bytes make (payloads, records): never what a header announces. */
        @Override
        public long allocationLimit(byte[] input) {
            return LIMIT + OVERHEAD + 64L * input.length;
        }
    }

    /** Lesson 01's request head and lesson 09's negotiation (the Origin allow-list among it). */
    final class Handshake implements ParserTarget {

        private final SecureChatServer.OriginCheckingNegotiator negotiator =
                new SecureChatServer.OriginCheckingNegotiator(new OriginPolicy(SecurityContract.ALLOWED_ORIGIN));

        @Override
        public String name() {
            return "handshake";
        }

        @Override
        public List<byte[]> seeds() {
            String valid = "GET /secure HTTP/1.1\r\nHost: 127.0.0.1:9009\r\nUpgrade: websocket\r\nConnection: keep-alive, Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nOrigin: https://chat.wslab.test\r\n"
                    + "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n\r\n";
            return List.of(valid.getBytes(StandardCharsets.ISO_8859_1),
                    valid.replace("https://chat.wslab.test", "null").getBytes(StandardCharsets.ISO_8859_1),
                    valid.replace("\r\n", "\n").getBytes(StandardCharsets.ISO_8859_1),
                    "GET /secure?token=a.b.c HTTP/1.0\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }

        @Override
        public void parse(byte[] input) throws Exception {
            Optional<HttpRequestHead> head = HttpRequestHead.read(new ByteArrayInputStream(input));
            if (head.isPresent()) {
                negotiator.answer(head.get());
            }
        }

        @Override
        public boolean declares(Throwable t) {
            return t instanceof HttpRequestHead.MalformedRequest || t instanceof IOException;
        }

        /** The head is capped at 8 KiB, so what it may cost does not grow with the input. */
        @Override
        public long allocationLimit(byte[] input) {
            return 64L * HttpRequestHead.MAX_HEAD_BYTES + OVERHEAD;
        }
    }

    /** Lesson 09's JSON message parser, given what the frame layer lets through: at most the message limit. */
    final class Messages implements ParserTarget {

        private final ChatMessages parser = new ChatMessages();

        @Override
        public String name() {
            return "messages";
        }

        @Override
        public List<byte[]> seeds() {
            return List.of(
                    SecurityContract.auth("eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2ln").getBytes(StandardCharsets.UTF_8),
                    SecurityContract.post("lobby", "hello <b>&amp;</b> \u00e9\u4e16\ud83d\ude00").getBytes(StandardCharsets.UTF_8),
                    "{\"type\":\"post\",\"room\":\"lobby\",\"text\":\"x\",\"room\":\"ops\"}".getBytes(StandardCharsets.UTF_8),
                    "[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]".getBytes(StandardCharsets.UTF_8),
                    "{\"type\":\"post\",\"room\":\"lobby\",\"text\":1e999999}".getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public void parse(byte[] input) throws Exception {
            byte[] message = input.length > SecurityContract.MAX_MESSAGE_BYTES
                    ? java.util.Arrays.copyOf(input, SecurityContract.MAX_MESSAGE_BYTES) : input;
            parser.parse(new String(message, StandardCharsets.UTF_8));
        }

        @Override
        public boolean declares(Throwable t) {
            return t instanceof ChatMessages.Invalid;
        }

        /** Proportional to the message, which the frame layer caps at 8 KiB. */
        @Override
        public long allocationLimit(byte[] input) {
            return 256L * SecurityContract.MAX_MESSAGE_BYTES + OVERHEAD;
        }
    }
}
