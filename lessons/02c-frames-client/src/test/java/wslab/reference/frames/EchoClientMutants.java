package wslab.reference.frames;

import static wslab.reference.frames.WebSocketProtocol.CLOSE_PROTOCOL_ERROR;
import static wslab.reference.frames.WebSocketProtocol.OPCODE_BINARY;
import static wslab.reference.frames.WebSocketProtocol.OPCODE_CONTINUATION;
import static wslab.reference.frames.WebSocketProtocol.OPCODE_PONG;
import static wslab.reference.frames.WebSocketProtocol.OPCODE_TEXT;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import wslab.api.ClientEvents;
import wslab.api.LabClient;
import wslab.api.LabEnvironment;
import wslab.api.TcpConnection;

/**
 * The reference echo client with one mistake each, and the client cases that must catch it.
 * Each overrides exactly one decision of {@link EchoClient}, {@link ClientEchoSession} or
 * {@link ServerFrameReader}. In this package to reach the frame layer's protected hooks.
 */
public enum EchoClientMutants {

    ACCEPTS_MASKED_FRAMES(reader(in -> new ServerFrameReader(in) {
        @Override
        protected void checkMasked(boolean masked) {
        }
    }), false, range("5.1", 1, 4)),

    IGNORES_RSV(reader(in -> new ServerFrameReader(in) {
        @Override
        protected void checkReservedBits(int rsv) {
        }
    }), false, range("5.2", 101, 107)),

    /** Passes over frames with opcodes it does not know instead of failing the connection. */
    SKIPS_RESERVED_OPCODES(reader(in -> new ServerFrameReader(in) {
        @Override
        protected void checkOpcode(int opcode) {
        }

        @Override
        public Optional<Frame> next() throws IOException, ProtocolException {
            while (true) {
                Optional<Frame> f = super.next();
                if (f.isEmpty() || f.get().opcode() <= OPCODE_BINARY || f.get().opcode() >= 0x8 && f.get().opcode() <= OPCODE_PONG) {
                    return f;
                }
            }
        }
    }), false, range("5.2", 201, 210)),

    /** Reads the 16-bit length as a signed number: 65535 becomes -1. */
    SIGNED_16_BIT_LENGTH(reader(in -> new ServerFrameReader(in) {
        @Override
        protected long readShortLength(DataInputStream data) throws IOException {
            return data.readShort();
        }
    }), false, ids("5.2/6", "5.2/14")),

    /** A 64 KiB limit, as some libraries have by default: the 1 MiB messages fail with 1009. */
    MESSAGES_CAPPED_AT_64_KIB(reader(in -> new ServerFrameReader(in, 64 * 1024)), false, ids("5.2/8", "5.2/16")),

    ECHOES_EVERYTHING_AS_BINARY(session(Sessions.EchoesAs::binary), false, range("5.2", 1, 8)),

    ECHOES_EVERYTHING_AS_TEXT(session(Sessions.EchoesAs::text), false, range("5.2", 9, 16)),

    /** Frames go out as a server's would: unmasked. */
    UNMASKED_FRAMES(env -> new EchoClient(env) {
        @Override
        protected MaskingOutputStream masking(OutputStream out) {
            return new MaskingOutputStream(out, env.random()) {
                @Override
                public void write(byte[] bytes, int offset, int length) throws IOException {
                    out.write(bytes, offset, length);
                }
            };
        }
    }, false, ids("5.2/1", "5.5.2/1", "7.4/1")),

    /** Every frame's length in 64 bits, however short it is: §5.2 wants the fewest bits that hold it. */
    LENGTHS_IN_64_BITS(session(s -> new ClientEchoSession(s.in(), s.out()) {
        @Override
        protected FrameWriter newWriter(OutputStream out) {
            return new FrameWriter(out) {
                @Override
                protected byte[] head(int b0, int len) {
                    byte[] head = new byte[10];
                    head[0] = (byte) b0;
                    head[1] = (byte) 127;
                    for (int i = 0; i < 8; i++) {
                        head[9 - i] = (byte) ((long) len >>> (8 * i));
                    }
                    return head;
                }
            };
        }
    }), false, ids("5.2/1")),

    /** One masking key for every frame. */
    SAME_MASKING_KEY(env -> new EchoClient(env) {
        @Override
        protected MaskingOutputStream masking(OutputStream out) {
            return new MaskingOutputStream(out, env.random()) {
                @Override
                protected void nextKey(byte[] key) {
                    System.arraycopy(new byte[] {0x37, (byte) 0xFA, 0x21, 0x3D}, 0, key, 0, 4);
                }
            };
        }
    }, false, ids("5.3/1")),

    /** Echoes each fragment as a message of its own, as if every data frame had FIN. */
    FRAGMENTS_ECHOED_ONE_BY_ONE(reader(in -> new ServerFrameReader(in) {
        private int messageOpcode = OPCODE_TEXT;

        @Override
        public Optional<Frame> next() throws IOException, ProtocolException {
            Optional<Frame> next = super.next();
            if (next.isEmpty() || WebSocketProtocol.isControl(next.get().opcode())) {
                return next;
            }
            Frame f = next.get();
            if (f.opcode() != OPCODE_CONTINUATION) {
                messageOpcode = f.opcode();
            }
            return Optional.of(new Frame(true, messageOpcode, f.payload()));
        }
    }), false, range("5.4", 1, 6)),

    /** Forgets which message is open: a new message joins the old one, an orphan continuation is dropped. */
    NO_FRAGMENTATION_CHECKS(reader(in -> new ServerFrameReader(in) {
        private boolean open;

        @Override
        public Optional<Frame> next() throws IOException, ProtocolException {
            while (true) {
                Optional<Frame> next = super.next();
                if (next.isEmpty() || WebSocketProtocol.isControl(next.get().opcode())) {
                    return next;
                }
                Frame f = next.get();
                if (f.opcode() == OPCODE_CONTINUATION && !open) {
                    continue;
                }
                boolean wasOpen = open;
                open = !f.fin();
                return Optional.of(wasOpen ? new Frame(f.fin(), OPCODE_CONTINUATION, f.payload()) : f);
            }
        }
    }), false, range("5.4", 201, 205)),

    /** Takes a control frame inside a message for a protocol error. */
    CONTROL_FRAMES_INTERRUPT_MESSAGES(reader(in -> new ServerFrameReader(in) {
        private boolean open;

        @Override
        public Optional<Frame> next() throws IOException, ProtocolException {
            Optional<Frame> next = super.next();
            if (next.isPresent()) {
                Frame f = next.get();
                if (WebSocketProtocol.isControl(f.opcode())) {
                    if (open) {
                        throw new ProtocolException(CLOSE_PROTOCOL_ERROR, "a control frame inside a message");
                    }
                } else {
                    open = !f.fin();
                }
            }
            return next;
        }
    }), false, range("5.4", 101, 103)),

    /** Takes control frames of any length and fragmented ones: the close among them is answered as any other. */
    ACCEPTS_OVERSIZED_CONTROL_FRAMES(reader(in -> new ServerFrameReader(in) {
        @Override
        protected void checkControlFrame(boolean fin, long length) {
        }
    }), true, range("5.5", 1, 6)),

    NO_PONG(session(in -> new ClientEchoSession(in.in(), in.out()) {
        @Override
        protected void answerPing(byte[] payload) {
        }
    }), false, ids("5.5.2/1", "5.5.2/2", "5.5.2/3", "5.4/101", "5.4/103")),

    FAILS_ON_AN_UNSOLICITED_PONG(reader(in -> new ServerFrameReader(in) {
        @Override
        public Optional<Frame> next() throws IOException, ProtocolException {
            Optional<Frame> f = super.next();
            if (f.isPresent() && f.get().opcode() == OPCODE_PONG) {
                throw new ProtocolException(CLOSE_PROTOCOL_ERROR, "a pong nobody asked for");
            }
            return f;
        }
    }), false, ids("5.5.3/1", "5.4/102")),

    NO_UTF8_CHECK(session(in -> new ClientEchoSession(in.in(), in.out()) {
        @Override
        protected boolean feedUtf8(Utf8Check check, byte[] fragment) {
            return true;
        }
    }), false, concat(range("8.1", 201, 208), range("8.1", 301, 304))),

    /** Checks each fragment on its own, so a character cut by a fragment boundary looks invalid. */
    UTF8_CHECKED_PER_FRAME(session(in -> new ClientEchoSession(in.in(), in.out()) {
        @Override
        protected boolean feedUtf8(Utf8Check check, byte[] fragment) {
            return Utf8Check.isValid(fragment);
        }
    }), false, range("8.1", 101, 103)),

    ASCII_ONLY_TEXT(session(in -> new ClientEchoSession(in.in(), in.out()) {
        @Override
        protected boolean feedUtf8(Utf8Check check, byte[] fragment) {
            for (byte b : fragment) {
                if (b < 0) {
                    return false;
                }
            }
            return true;
        }
    }), false, concat(range("8.1", 1, 4), range("8.1", 101, 103))),

    /** Takes note of an ordinary close and answers nothing; bad ones still fail. */
    DOES_NOT_ANSWER_CLOSE(session(in -> new ClientEchoSession(in.in(), in.out()) {
        @Override
        protected void answerClose(byte[] payload) throws IOException, ProtocolException {
            if (isOrdinary(payload, this::isValidCloseCode)) {
                closeReceived(payload);
            } else {
                super.answerClose(payload);
            }
        }
    }), false, concat(range("7.4", 1, 13), ids("5.5.1/1", "5.5.1/2", "5.5.1/3", "5.5.1/6", "5.4/301", "7.1.1/1", "7.1.1/2"))),

    /** Echoes whatever close it gets, a single byte as an empty close, a bad code or reason as it came. */
    CLOSE_NOT_VALIDATED(session(in -> new ClientEchoSession(in.in(), in.out()) {
        @Override
        protected void answerClose(byte[] payload) throws IOException {
            if (payload.length < 2) {
                writer().write(WebSocketProtocol.OPCODE_CLOSE, new byte[0]);
            } else {
                writer().close(((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF), "");
            }
            closeReceived(payload);
        }
    }), true, concat(range("7.4", 101, 111), ids("5.5.1/4", "5.5.1/5"))),

    /** Goes on reading and echoing after the closing handshake, so it also never gets round to closing TCP. */
    ECHOES_AFTER_CLOSE(session(in -> new ClientEchoSession(in.in(), in.out()) {
        @Override
        protected boolean keepsReadingAfterClose() {
            return true;
        }
    }), false, ids("5.5.1/6", "7.1.1/2")),

    CLOSES_TCP_FIRST(env -> new EchoClient(env) {
        @Override
        protected void awaitServerClose(TcpConnection c, InputStream in) {
        }
    }, true, ids("7.1.1/1")),

    /** Waits for the server's TCP close for ever. */
    NEVER_CLOSES_TCP(env -> new EchoClient(env) {
        @Override
        protected void awaitServerClose(TcpConnection c, InputStream in) throws IOException {
            c.readTimeout(java.time.Duration.ZERO);
            while (in.read() >= 0) {
                // Discard.
            }
        }
    }, false, ids("7.1.1/2")),

    REPORTS_1000_FOR_EVERY_END(env -> new EchoClient(env) {
        @Override
        protected void report(ClientEvents events, byte[] serverClose) {
            events.closed(1000, "");
        }
    }, false, range("7.1.5", 1, 3));

    /** The parts a mutant session is made of. */
    public record Streams(InputStream in, MaskingOutputStream out) {
    }

    private final Function<LabEnvironment, LabClient> client;
    /** A mistake the RFC words as SHOULD: caught only under --strict. */
    public final boolean strict;
    public final List<String> caughtBy;

    EchoClientMutants(Function<LabEnvironment, LabClient> client, boolean strict, List<String> caughtBy) {
        this.client = client;
        this.strict = strict;
        this.caughtBy = caughtBy;
    }

    public Function<LabEnvironment, LabClient> client() {
        return client;
    }

    /**
     * Not a mutant but a variant the RFC words as SHOULD: on a frame its reader refuses, the
     * client drops the TCP connection without a close frame first (§7.1.7 SHOULD). NON-STRICT
     * where the close frame is a SHOULD, and no verdict at all on a masked frame (§5.1 MAY).
     */
    public static Function<LabEnvironment, LabClient> failsWithoutACloseFrame() {
        return reader(in -> new ServerFrameReader(in) {
            @Override
            public Optional<Frame> next() throws IOException {
                try {
                    return super.next();
                } catch (ProtocolException e) {
                    throw new IOException("dropped the connection: " + e.getMessage(), e);
                }
            }
        });
    }

    /** The reference with its own reader of server frames. */
    static Function<LabEnvironment, LabClient> reader(Function<InputStream, FrameReader> reader) {
        return session(s -> new ClientEchoSession(s.in(), s.out()) {
            @Override
            protected FrameReader newReader(InputStream in) {
                return reader.apply(in);
            }
        });
    }

    /** The reference with its own frame layer. */
    static Function<LabEnvironment, LabClient> session(Function<Streams, ClientEchoSession> session) {
        return env -> new EchoClient(env) {
            @Override
            protected ClientEchoSession newSession(InputStream in, MaskingOutputStream out) {
                return session.apply(new Streams(in, out));
            }
        };
    }

    /** A close the reference answers normally: empty, or a valid code and a UTF-8 reason. */
    static boolean isOrdinary(byte[] payload, java.util.function.IntPredicate validCode) {
        if (payload.length == 0) {
            return true;
        }
        return payload.length >= 2 && validCode.test(((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF))
                && Utf8Check.isValid(Arrays.copyOfRange(payload, 2, payload.length));
    }

    static List<String> ids(String... ids) {
        return Arrays.stream(ids).map(id -> "rfc6455-client/" + id).toList();
    }

    static List<String> range(String section, int from, int to) {
        return java.util.stream.IntStream.rangeClosed(from, to).mapToObj(n -> "rfc6455-client/" + section + "/" + n).toList();
    }

    @SafeVarargs
    static List<String> concat(List<String>... lists) {
        return Arrays.stream(lists).flatMap(List::stream).toList();
    }

    /** Sessions that change what the echo sends. */
    static final class Sessions {

        private Sessions() {
        }

        /** Echoes with one opcode whatever the message was. */
        static final class EchoesAs extends ClientEchoSession {
            private final int opcode;

            private EchoesAs(Streams s, int opcode) {
                super(s.in(), s.out());
                this.opcode = opcode;
            }

            static ClientEchoSession binary(Streams s) {
                return new EchoesAs(s, OPCODE_BINARY);
            }

            static ClientEchoSession text(Streams s) {
                return new EchoesAs(s, OPCODE_TEXT);
            }

            @Override
            protected void onMessage(int received, byte[] message) throws IOException {
                writer().write(opcode, message);
            }
        }
    }
}
