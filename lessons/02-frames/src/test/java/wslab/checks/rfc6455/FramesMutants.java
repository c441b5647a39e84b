package wslab.checks.rfc6455;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

import wslab.api.LabEnvironment;
import wslab.api.LabServer;
import wslab.reference.frames.EchoSession;
import wslab.reference.frames.Frame;
import wslab.reference.frames.FrameReader;
import wslab.reference.frames.FramesServer;
import wslab.reference.frames.ProtocolException;
import wslab.reference.frames.Utf8Check;

/**
 * Broken variants of lesson 02's reference, one real mistake each, with the protocol cases that
 * must catch it: each breaks a MUST, so each is caught without --strict. Behaviour the RFC allows
 * is in {@link FramesVariants}.
 */
enum FramesMutants {

    UNMASKED_FRAMES_ACCEPTED(List.of("rfc6455/5.1/1", "rfc6455/5.1/2", "rfc6455/5.1/3"), (in, out) -> new EchoSession(in, out) {
        @Override
        protected FrameReader newReader(InputStream i) {
            return new FrameReader(i, MAX_MESSAGE_BYTES) {
                @Override
                protected void checkMasked(boolean masked) {
                }
            };
        }
    }),
    RESERVED_BITS_IGNORED(List.of("rfc6455/5.2/101", "rfc6455/5.2/107"), (in, out) -> new EchoSession(in, out) {
        @Override
        protected FrameReader newReader(InputStream i) {
            return new FrameReader(i, MAX_MESSAGE_BYTES) {
                @Override
                protected void checkReservedBits(int rsv) {
                }
            };
        }
    }),
    /** Reads any unknown opcode as binary data instead of failing. */
    RESERVED_OPCODES_READ_AS_BINARY(List.of("rfc6455/5.2/201", "rfc6455/5.2/220"), (in, out) -> new EchoSession(in, out) {
        @Override
        protected FrameReader newReader(InputStream i) {
            return new FrameReader(i, MAX_MESSAGE_BYTES) {
                @Override
                protected void checkOpcode(int opcode) {
                }

                @Override
                public Optional<Frame> next() throws IOException, ProtocolException {
                    return super.next().map(f -> isReserved(f.opcode()) ? new Frame(f.fin(), 2, f.payload()) : f);
                }
            };
        }
    }),
    /** readShort instead of readUnsignedShort: lengths of 32768 and more come out negative. */
    SIXTEEN_BIT_LENGTH_READ_SIGNED(List.of("rfc6455/5.2/10", "rfc6455/5.2/11", "rfc6455/5.2/27"),
            (in, out) -> new EchoSession(in, out) {
                @Override
                protected FrameReader newReader(InputStream i) {
                    return new FrameReader(i, MAX_MESSAGE_BYTES) {
                        @Override
                        protected long readShortLength(DataInputStream d) throws IOException {
                            return Math.max(0, d.readShort());
                        }
                    };
                }
            }),
    PINGS_IGNORED(List.of("rfc6455/5.5.2/1", "rfc6455/5.5.2/10", "rfc6455/5.4/101"), (in, out) -> new EchoSession(in, out) {
        @Override
        protected void answerPing(byte[] payload) {
        }
    }),
    CONTROL_FRAME_LIMITS_IGNORED(List.of("rfc6455/5.5/1", "rfc6455/5.5/5"), (in, out) -> new EchoSession(in, out) {
        @Override
        protected FrameReader newReader(InputStream i) {
            return new FrameReader(i, MAX_MESSAGE_BYTES) {
                @Override
                protected void checkControlFrame(boolean fin, long length) {
                }
            };
        }
    }),
    /** Echoes every frame as its own message: fragments are never reassembled. */
    FRAGMENTS_NOT_REASSEMBLED(List.of("rfc6455/5.4/1", "rfc6455/5.4/101", "rfc6455/10.4/3"),
            (in, out) -> new EchoSession(in, out) {
                @Override
                protected void append(Frame f) throws IOException {
                    writer().write(f.opcode() == 0 ? 1 : f.opcode(), f.payload());
                }
            }),
    UTF8_NOT_VALIDATED(List.of("rfc6455/8.1/201", "rfc6455/8.1/301"), (in, out) -> new EchoSession(in, out) {
        @Override
        protected boolean feedUtf8(Utf8Check check, byte[] fragment) {
            return true;
        }

        @Override
        protected void answerClose(byte[] payload) throws IOException {
            writer().write(0x8, payload);
        }
    }),
    /** Echoes any close code, 1005 and 1006 among them, which §7.4.1 says an endpoint MUST NOT send. */
    CLOSE_CODES_NOT_VALIDATED(List.of("rfc6455/7.4/104", "rfc6455/7.4/105"), (in, out) -> new EchoSession(in, out) {
        @Override
        protected boolean isValidCloseCode(int code) {
            return true;
        }
    }),
    /** Sends its close frame, then waits for the client to hang up: §5.5.1 and §7.1.7 say the server closes TCP. */
    NEVER_CLOSES_TCP(List.of("rfc6455/5.2/101", "rfc6455/7.4/1", "rfc6455/5.5.1/1"), (in, out) -> new EchoSession(in, out) {
        @Override
        public void run() throws IOException {
            super.run();
            in.transferTo(OutputStream.nullOutputStream());
        }
    }),
    KEEPS_READING_AFTER_CLOSE(List.of("rfc6455/5.5.1/6", "rfc6455/5.5.1/7"), (in, out) -> new EchoSession(in, out) {
        @Override
        protected boolean keepsReadingAfterClose() {
            return true;
        }
    });

    static boolean isReserved(int opcode) {
        return opcode > 0x2 && opcode < 0x8 || opcode > 0xA;
    }

    final List<String> caughtBy;
    private final BiFunction<InputStream, OutputStream, EchoSession> session;

    FramesMutants(List<String> caughtBy, BiFunction<InputStream, OutputStream, EchoSession> session) {
        this.caughtBy = caughtBy;
        this.session = session;
    }

    Function<LabEnvironment, LabServer> server() {
        return server(session);
    }

    /** Lesson 02's reference handshake with {@code session} as its frame layer. */
    static Function<LabEnvironment, LabServer> server(BiFunction<InputStream, OutputStream, EchoSession> session) {
        return env -> new FramesServer(env) {
            @Override
            protected void afterUpgrade(InputStream in, OutputStream out) throws IOException {
                session.apply(in, out).run();
            }
        };
    }
}
