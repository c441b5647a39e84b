package wslab.checks.rfc6455;

import static wslab.checks.rfc6455.CaseIds.all;
import static wslab.checks.rfc6455.CaseIds.of;
import static wslab.checks.rfc6455.CaseIds.range;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

import wslab.api.LabEnvironment;
import wslab.api.LabServer;
import wslab.reference.frames.EchoSession;
import wslab.reference.frames.Frame;
import wslab.reference.frames.FrameReader;
import wslab.reference.frames.FrameWriter;
import wslab.reference.frames.FramesServer;
import wslab.reference.frames.ProtocolException;
import wslab.reference.frames.Utf8Check;
import wslab.wire.Opcode;

/**
 * Broken variants of lesson 02's reference, one real mistake each, with the protocol cases that
 * must catch it. Most break a MUST and are caught without --strict; the few marked strict break
 * a MUST whose only visible trace is the close code, which §7.1.7 makes a SHOULD, so they fail
 * those cases under --strict. Behaviour the RFC allows is in {@link FramesVariants}.
 */
enum FramesMutants {

    // --- The frame head: lengths, masking, bits (§5.2, §5.3) ---

    /** readShort instead of readUnsignedShort: 16-bit lengths of 32768 and more come out negative. */
    SIXTEEN_BIT_LENGTH_READ_SIGNED(of(FramingCases.PAYLOAD_LENGTHS, l -> l.length() >= 32768 && l.length() <= 0xFFFF),
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
    /** 126 and 127 mixed up: the 16-bit length read as 64 bits, and the 64-bit one as 16. */
    EXTENDED_LENGTH_CODES_SWAPPED(of(FramingCases.PAYLOAD_LENGTHS, l -> l.length() >= 126), (in, out) -> new EchoSession(in, out) {
        @Override
        protected FrameReader newReader(InputStream i) {
            return new FrameReader(i, MAX_MESSAGE_BYTES) {
                @Override
                protected long readShortLength(DataInputStream d) throws IOException, ProtocolException {
                    return super.readLongLength(d);
                }

                @Override
                protected long readLongLength(DataInputStream d) throws IOException {
                    return d.readUnsignedShort();
                }
            };
        }
    }),
    /** No check of the top bit: the length is cast to an int, 5 here, and the server waits for bytes that never come. */
    SIXTY_FOUR_BIT_LENGTH_TOP_BIT_NOT_CHECKED(List.of("rfc6455/5.2/301"), (in, out) -> new EchoSession(in, out) {
        @Override
        protected FrameReader newReader(InputStream i) {
            return new FrameReader(i, MAX_MESSAGE_BYTES) {
                @Override
                protected long readLongLength(DataInputStream d) throws IOException {
                    return d.readLong();
                }
            };
        }
    }),
    /** Takes a length that is not minimally encoded for noise and skips the frame: neither read nor refused. */
    NON_MINIMAL_LENGTHS_SKIPPED(List.of("rfc6455/5.2/302"), (in, out) -> new EchoSession(in, out) {
        @Override
        protected FrameReader newReader(InputStream i) {
            return new FrameReader(i, MAX_MESSAGE_BYTES) {
                private boolean nonMinimal;

                @Override
                protected long readShortLength(DataInputStream d) throws IOException {
                    long length = d.readUnsignedShort();
                    nonMinimal = length < 126;
                    return length;
                }

                @Override
                public Optional<Frame> next() throws IOException, ProtocolException {
                    while (true) {
                        nonMinimal = false;
                        Optional<Frame> f = super.next();
                        if (!nonMinimal) {
                            return f;
                        }
                    }
                }
            };
        }
    }),
    /** The masking key is read and then not applied: every payload arrives still masked. */
    PAYLOAD_NOT_UNMASKED(all(of(FramingCases.PAYLOAD_LENGTHS, l -> l.length() > 0), range("5.5.2", 2, 6)),
            (in, out) -> new EchoSession(in, out) {
                @Override
                protected FrameReader newReader(InputStream i) {
                    return new FrameReader(i, MAX_MESSAGE_BYTES) {
                        @Override
                        protected void unmask(byte[] payload, byte[] mask) {
                        }
                    };
                }
            }),
    /** Keeps the first frame's masking key for the whole connection; §5.3 gives every frame its own. */
    MASKING_KEY_REUSED(all(of(FragmentationCases.SPLITS, s -> s.length() > 0), of(FragmentationCases.CONTROL_BETWEEN),
            of(ControlFrameCases.UNSOLICITED_PONGS), List.of("rfc6455/10.4/1", "rfc6455/10.4/2"),
            of(LimitsCases.FRAGMENTED, f -> f.piece() < f.length()), of(LimitsCases.ROUND_TRIP, r -> r.length() > 0)),
            (in, out) -> new EchoSession(in, out) {
                @Override
                protected FrameReader newReader(InputStream i) {
                    return new FrameReader(i, MAX_MESSAGE_BYTES) {
                        private byte[] first;

                        @Override
                        protected byte[] readMaskingKey(DataInputStream d, boolean masked) throws IOException {
                            byte[] key = super.readMaskingKey(d, masked);
                            if (first == null) {
                                first = key;
                            }
                            return first;
                        }
                    };
                }
            }),
    /** Trusts clients to mask and always reads a masking key: an unmasked frame's payload is taken for its key. */
    MASK_BIT_IGNORED(of(FramingCases.UNMASKED), (in, out) -> new EchoSession(in, out) {
        @Override
        protected FrameReader newReader(InputStream i) {
            return new FrameReader(i, MAX_MESSAGE_BYTES) {
                @Override
                protected void checkMasked(boolean masked) {
                }

                @Override
                protected byte[] readMaskingKey(DataInputStream d, boolean masked) throws IOException {
                    return super.readMaskingKey(d, true);
                }
            };
        }
    }),
    /** Unmasks an unmasked frame with a zero key and carries on (close frames are still answered). */
    UNMASKED_FRAMES_ACCEPTED(of(FramingCases.UNMASKED, f -> f.opcode() != Opcode.CLOSE), (in, out) -> new EchoSession(in, out) {
        @Override
        protected FrameReader newReader(InputStream i) {
            return new FrameReader(i, MAX_MESSAGE_BYTES) {
                @Override
                protected void checkMasked(boolean masked) {
                }
            };
        }
    }),
    /** A single read() for the payload: whatever one TCP segment brought is taken for the whole frame. */
    PAYLOAD_READ_IN_ONE_CALL(all(of(FramingCases.SLICED), List.of("rfc6455/5.4/302", "rfc6455/8.1/501"),
            of(LimitsCases.CHOPPED), List.of("rfc6455/5.5.2/11"), of(FragmentationCases.TWO_FRAGMENTS, d -> d == Delivery.OCTET_BY_OCTET),
            of(FailureCases.MIXED, m -> m.delivery() == Delivery.OCTET_BY_OCTET)),
            (in, out) -> new EchoSession(in, out) {
                @Override
                protected FrameReader newReader(InputStream i) {
                    return new FrameReader(i, MAX_MESSAGE_BYTES) {
                        @Override
                        protected void readPayload(DataInputStream d, byte[] payload) throws IOException {
                            d.read(payload);
                        }
                    };
                }
            }),
    /** No extension, no check: frames with RSV bits set are read as usual. */
    RESERVED_BITS_IGNORED(all(of(FramingCases.PROTOCOL_ERRORS, b -> b.frame().rsv() != 0 && b.frame().opcode() != Opcode.CLOSE),
            of(FailureCases.MIXED, m -> m.bad()[0].rsv() != 0)),
            (in, out) -> new EchoSession(in, out) {
                @Override
                protected FrameReader newReader(InputStream i) {
                    return new FrameReader(i, MAX_MESSAGE_BYTES) {
                        @Override
                        protected void checkReservedBits(int rsv) {
                        }
                    };
                }
            }),
    /** The same mistake on a close frame: answered like any close, so only the code (a SHOULD) shows it. */
    RESERVED_BITS_IGNORED_ON_CLOSE(true, of(FramingCases.PROTOCOL_ERRORS, b -> b.frame().rsv() != 0 && b.frame().opcode() == Opcode.CLOSE),
            RESERVED_BITS_IGNORED.session),
    /** Reads any unknown opcode as binary data instead of failing. */
    RESERVED_OPCODES_READ_AS_BINARY(all(of(FramingCases.PROTOCOL_ERRORS, b -> b.frame().rsv() == 0),
            of(FailureCases.MIXED, m -> isReserved(m.bad()[0].opcode()))), (in, out) -> new EchoSession(in, out) {
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
    /** A frame limit of 1 MiB: below the 16 MiB messages lesson 02's contract has the server echo. */
    FRAME_LIMIT_OF_1_MIB(all(of(FramingCases.PAYLOAD_LENGTHS, l -> l.length() > 1 << 20), of(LimitsCases.LARGE),
            of(LimitsCases.FRAGMENTED, f -> f.piece() > 1 << 20)), (in, out) -> new EchoSession(in, out) {
        @Override
        protected FrameReader newReader(InputStream i) {
            return new FrameReader(i, 1 << 20) {
            };
        }
    }),

    // --- What the server writes (§5.2) ---

    /** {@code len < 125} where {@code len < 126} was meant: a 125-byte payload goes out with a 16-bit length. */
    SEVEN_BIT_LENGTH_LIMIT_OFF_BY_ONE(all(of(FramingCases.PAYLOAD_LENGTHS, l -> l.length() == 125),
            of(FramingCases.SLICED, l -> l.length() == 125), of(ControlFrameCases.PINGS, p -> p.length == 125)),
            (in, out) -> new EchoSession(in, out) {
                @Override
                protected FrameWriter newWriter(OutputStream o) {
                    return new FrameWriter(o) {
                        @Override
                        protected byte[] head(int b0, int len) {
                            return len == 125 ? sixteenBitHead(b0, len) : super.head(b0, len);
                        }
                    };
                }
            }),
    /** {@code len < 0xFFFF} where {@code len <= 0xFFFF} was meant: 65535 bytes go out with a 64-bit length. */
    SIXTEEN_BIT_LENGTH_LIMIT_OFF_BY_ONE(of(FramingCases.PAYLOAD_LENGTHS, l -> l.length() == 0xFFFF),
            (in, out) -> new EchoSession(in, out) {
                @Override
                protected FrameWriter newWriter(OutputStream o) {
                    return new FrameWriter(o) {
                        @Override
                        protected byte[] head(int b0, int len) {
                            if (len != 0xFFFF) {
                                return super.head(b0, len);
                            }
                            byte[] head = new byte[10];
                            head[0] = (byte) b0;
                            head[1] = 127;
                            head[8] = (byte) 0xFF;
                            head[9] = (byte) 0xFF;
                            return head;
                        }
                    };
                }
            }),
    /** The 64-bit length written least significant byte first; §5.2 says network byte order. */
    SIXTY_FOUR_BIT_LENGTH_WRITTEN_LITTLE_ENDIAN(all(of(FramingCases.PAYLOAD_LENGTHS, l -> l.length() > 0xFFFF),
            of(FramingCases.SLICED, l -> l.length() > 0xFFFF), List.of("rfc6455/5.4/303", "rfc6455/10.4/2", "rfc6455/10.4/3"),
            of(LimitsCases.LARGE), of(LimitsCases.FRAGMENTED), of(LimitsCases.CHOPPED), List.of("rfc6455/5.5.1/10")),
            (in, out) -> new EchoSession(in, out) {
                @Override
                protected FrameWriter newWriter(OutputStream o) {
                    return new FrameWriter(o) {
                        @Override
                        protected byte[] head(int b0, int len) {
                            byte[] head = super.head(b0, len);
                            if (len > 0xFFFF) {
                                for (int i = 0; i < 8; i++) {
                                    head[2 + i] = (byte) ((long) len >>> (8 * i));
                                }
                            }
                            return head;
                        }
                    };
                }
            }),

    // --- Messages (§5.4, §5.6) ---

    /** Every echo goes out as a binary frame, as if the server had no text path. */
    TEXT_ECHOED_AS_BINARY(all(of(FramingCases.PAYLOAD_LENGTHS, l -> l.opcode() == Opcode.TEXT),
            of(FramingCases.SLICED, l -> l.opcode() == Opcode.TEXT), of(FramingCases.PROTOCOL_ERRORS, FramingCases.Bad::afterValidMessage),
            List.of("rfc6455/5.2/302"),
            of(FragmentationCases.SPLITS, s -> s.opcode() == Opcode.TEXT),
            of(FragmentationCases.CONTROL_BETWEEN, c -> c.messageOpcode() == Opcode.TEXT),
            List.of("rfc6455/5.4/203", "rfc6455/5.4/302"), of(ControlFrameCases.UNSOLICITED_PONGS),
            of(Utf8Cases.VALID_WHOLE), of(Utf8Cases.VALID_BYTEWISE), List.of("rfc6455/8.1/501", "rfc6455/10.4/1", "rfc6455/10.4/3"),
            of(FailureCases.MIXED), of(FragmentationCases.TWO_FRAGMENTS), of(FragmentationCases.PING_BETWEEN),
            of(FragmentationCases.PINGS_WITH_A_PAUSE), List.of("rfc6455/5.5.1/8", "rfc6455/5.5.1/10", "rfc6455/8.1/121"),
            of(LimitsCases.LARGE, textMessage()), of(LimitsCases.FRAGMENTED, textMessage()), of(LimitsCases.CHOPPED, textMessage()),
            of(LimitsCases.ROUND_TRIP, textMessage())),
            (in, out) -> new EchoSession(in, out) {
                @Override
                protected void onMessage(int opcode, byte[] message) throws IOException {
                    super.onMessage(Opcode.BINARY, message);
                }
            }),
    /** Every echo goes out as a text frame, as if the API had only sendText. */
    BINARY_ECHOED_AS_TEXT(all(of(FramingCases.PAYLOAD_LENGTHS, l -> l.opcode() == Opcode.BINARY),
            of(FramingCases.SLICED, l -> l.opcode() == Opcode.BINARY),
            of(FragmentationCases.SPLITS, s -> s.opcode() == Opcode.BINARY),
            of(FragmentationCases.CONTROL_BETWEEN, c -> c.messageOpcode() == Opcode.BINARY),
            List.of("rfc6455/5.4/303", "rfc6455/10.4/2"), of(LimitsCases.LARGE, textMessage().negate()),
            of(LimitsCases.FRAGMENTED, textMessage().negate()), of(LimitsCases.CHOPPED, textMessage().negate()),
            of(LimitsCases.ROUND_TRIP, textMessage().negate())),
            (in, out) -> new EchoSession(in, out) {
                @Override
                protected void onMessage(int opcode, byte[] message) throws IOException {
                    super.onMessage(Opcode.TEXT, message);
                }
            }),
    /** {@code if (message.length > 0) send(...)}: an empty message is never echoed. */
    EMPTY_MESSAGES_NOT_ECHOED(all(of(FramingCases.PAYLOAD_LENGTHS, l -> l.length() == 0), of(FragmentationCases.SPLITS, s -> s.length() == 0),
            of(LimitsCases.ROUND_TRIP, r -> r.length() == 0)),
            (in, out) -> new EchoSession(in, out) {
                @Override
                protected void onMessage(int opcode, byte[] message) throws IOException {
                    if (message.length > 0) {
                        super.onMessage(opcode, message);
                    }
                }
            }),
    /** Messages assembled in a fixed 64 KiB buffer: anything longer is echoed cut short. */
    MESSAGES_OVER_64_KIB_TRUNCATED(all(of(FramingCases.PAYLOAD_LENGTHS, l -> l.length() > 65536),
            of(FramingCases.SLICED, l -> l.length() > 65536), List.of("rfc6455/5.4/303", "rfc6455/10.4/3"),
            of(LimitsCases.LARGE), of(LimitsCases.FRAGMENTED, f -> f.length() > 65536), of(LimitsCases.CHOPPED, c -> c.length() > 65536),
            List.of("rfc6455/5.5.1/10")),
            (in, out) -> new EchoSession(in, out) {
                @Override
                protected void onMessage(int opcode, byte[] message) throws IOException {
                    super.onMessage(opcode, Arrays.copyOf(message, Math.min(message.length, 65536)));
                }
            }),
    /** The message buffer is never reset: each echo carries every message before it. */
    MESSAGE_BUFFER_NOT_CLEARED(all(List.of("rfc6455/10.4/1", "rfc6455/10.4/2", "rfc6455/5.5.1/10"),
            of(LimitsCases.ROUND_TRIP, r -> r.length() > 0)), (in, out) -> new EchoSession(in, out) {
        private final ByteArrayOutputStream everything = new ByteArrayOutputStream();

        @Override
        protected void onMessage(int opcode, byte[] message) throws IOException {
            everything.writeBytes(message);
            super.onMessage(opcode, everything.toByteArray());
        }
    }),
    /** Echoes every frame as its own message: fragments are never reassembled. */
    FRAGMENTS_NOT_REASSEMBLED(all(of(FragmentationCases.SPLITS, s -> s.length() > 0), of(FragmentationCases.CONTROL_BETWEEN),
            List.of("rfc6455/5.4/302", "rfc6455/5.4/303", "rfc6455/10.4/3"), of(Utf8Cases.VALID_BYTEWISE, s -> s.bytes().length > 1),
            of(FragmentationCases.TWO_FRAGMENTS), of(FragmentationCases.PING_BETWEEN), of(FragmentationCases.PINGS_WITH_A_PAUSE),
            List.of("rfc6455/8.1/121"), of(LimitsCases.FRAGMENTED, f -> f.piece() < f.length())),
            (in, out) -> new EchoSession(in, out) {
                @Override
                protected void append(Frame f) throws IOException {
                    writer().write(f.opcode() == 0 ? 1 : f.opcode(), f.payload());
                }
            }),
    /** Sends the message when the final frame arrives, before adding that frame's payload. */
    LAST_FRAGMENT_DROPPED(all(of(FragmentationCases.SPLITS, s -> s.length() > 0), of(FragmentationCases.CONTROL_BETWEEN),
            List.of("rfc6455/5.4/302", "rfc6455/5.4/303", "rfc6455/10.4/3"), of(Utf8Cases.VALID_BYTEWISE, s -> s.bytes().length > 1),
            of(FragmentationCases.TWO_FRAGMENTS), of(FragmentationCases.PING_BETWEEN), of(FragmentationCases.PINGS_WITH_A_PAUSE),
            List.of("rfc6455/8.1/121"), of(LimitsCases.FRAGMENTED, f -> f.piece() < f.length())),
            (in, out) -> new EchoSession(in, out) {
                @Override
                protected void append(Frame f) throws IOException, ProtocolException {
                    super.append(f.opcode() == 0 && f.fin() ? new Frame(true, 0, new byte[0]) : f);
                }
            }),
    /** One buffer for every frame's payload: a ping or pong between fragments lands in the message. */
    CONTROL_PAYLOAD_APPENDED_TO_THE_MESSAGE(all(of(FragmentationCases.CONTROL_BETWEEN), of(FragmentationCases.PING_BETWEEN),
            of(FragmentationCases.PINGS_WITH_A_PAUSE)), (in, out) -> new EchoSession(in, out) {
        private boolean inMessage;

        @Override
        protected void append(Frame f) throws IOException, ProtocolException {
            super.append(f);
            inMessage = !f.fin();
        }

        @Override
        protected void answerPing(byte[] payload) throws IOException {
            appendIfInMessage(payload);
            super.answerPing(payload);
        }

        @Override
        protected void pongReceived(byte[] payload) throws IOException, ProtocolException {
            appendIfInMessage(payload);
        }

        private void appendIfInMessage(byte[] payload) throws IOException {
            if (inMessage) {
                try {
                    super.append(new Frame(false, 0, payload));
                } catch (ProtocolException e) {
                    throw new IOException(e);
                }
            }
        }
    }),
    /**
     * Handles control frames only between messages: the pong for a ping between fragments comes
     * after the echo. It does come, so only §5.5.2's "as soon as is practical" (a SHOULD) is broken.
     */
    CONTROL_FRAMES_HELD_UNTIL_THE_MESSAGE_ENDS(true, all(of(FragmentationCases.CONTROL_BETWEEN, c -> c.injectedOpcode() == Opcode.PING),
            of(FragmentationCases.PING_BETWEEN), of(FragmentationCases.PINGS_WITH_A_PAUSE)),
            (in, out) -> new EchoSession(in, out) {
                private final List<byte[]> held = new ArrayList<>();
                private boolean inMessage;

                @Override
                protected void append(Frame f) throws IOException, ProtocolException {
                    super.append(f);
                    inMessage = !f.fin();
                    if (f.fin()) {
                        for (byte[] ping : held) {
                            super.answerPing(ping);
                        }
                        held.clear();
                    }
                }

                @Override
                protected void answerPing(byte[] payload) throws IOException {
                    if (inMessage) {
                        held.add(payload);
                    } else {
                        super.answerPing(payload);
                    }
                }
            }),
    /** A continuation with no message to continue is dropped silently: neither processed nor refused. */
    CONTINUATION_WITHOUT_MESSAGE_IGNORED(all(range("5.4", 201, 203), range("5.4", 208, 209),
            of(FailureCases.MIXED, m -> m.bad()[0].opcode() == Opcode.CONTINUATION)), (in, out) -> new EchoSession(in, out) {
        @Override
        protected void continuationWithoutMessage() {
        }
    }),
    /** A new data frame inside a fragmented message is added to it, as if it were a continuation. */
    NEW_MESSAGE_APPENDED_TO_THE_UNFINISHED_ONE(range("5.4", 204, 207), (in, out) -> new EchoSession(in, out) {
        @Override
        protected void messageInterrupted() {
        }
    }),

    // --- Control frames (§5.5) ---

    PINGS_IGNORED(all(of(ControlFrameCases.PINGS), range("5.5.2", 10, 12), List.of("rfc6455/5.5.3/4"),
            of(FragmentationCases.CONTROL_BETWEEN, c -> c.injectedOpcode() == Opcode.PING), of(FragmentationCases.PING_BETWEEN),
            of(FragmentationCases.PINGS_WITH_A_PAUSE)),
            (in, out) -> new EchoSession(in, out) {
                @Override
                protected void answerPing(byte[] payload) {
                }
            }),
    /** Answers every ping with an empty pong; §5.5.3 says the pong carries the ping's application data. */
    PONGS_WITHOUT_THE_PING_PAYLOAD(all(of(ControlFrameCases.PINGS, p -> p.length > 0), range("5.5.2", 10, 12), List.of("rfc6455/5.5.3/4")),
            (in, out) -> new EchoSession(in, out) {
                @Override
                protected void answerPing(byte[] payload) throws IOException {
                    super.answerPing(new byte[0]);
                }
            }),
    /** A pong with no ping outstanding is taken for a protocol error; §5.5.3 allows unsolicited pongs. */
    UNSOLICITED_PONG_FAILS_THE_CONNECTION(all(of(ControlFrameCases.UNSOLICITED_PONGS), List.of("rfc6455/5.5.3/4"),
            of(FragmentationCases.CONTROL_BETWEEN, c -> c.injectedOpcode() == Opcode.PONG)),
            (in, out) -> new EchoSession(in, out) {
                @Override
                protected void pongReceived(byte[] payload) throws ProtocolException {
                    throw new ProtocolException(1002, "pong without a ping");
                }
            }),
    /** No check of §5.5's limits: long and fragmented control frames are handled like any other. */
    CONTROL_FRAME_LIMITS_IGNORED(of(ControlFrameCases.BAD_CONTROL, f -> f.opcode() != Opcode.CLOSE), (in, out) -> new EchoSession(in, out) {
        @Override
        protected FrameReader newReader(InputStream i) {
            return new FrameReader(i, MAX_MESSAGE_BYTES) {
                @Override
                protected void checkControlFrame(boolean fin, long length) {
                }
            };
        }
    }),
    /** The same on a close frame: answered like a good one, so only the code (a SHOULD) shows it. */
    CONTROL_FRAME_LIMITS_IGNORED_ON_CLOSE(true, of(ControlFrameCases.BAD_CONTROL, f -> f.opcode() == Opcode.CLOSE),
            CONTROL_FRAME_LIMITS_IGNORED.session),

    // --- Closing (§5.5.1, §7) ---

    /** Closes TCP on a close frame without sending one back. */
    CLOSE_NOT_ANSWERED(all(of(CloseCases.VALID), range("5.5.1", 1, 3), range("5.5.1", 6, 11), List.of("rfc6455/5.4/301")),
            (in, out) -> new EchoSession(in, out) {
                @Override
                protected void answerClose(byte[] payload) {
                }
            }),
    /** Answers an empty close with 1005, the API's "no status", which §7.4.1 forbids on the wire. */
    EMPTY_CLOSE_ANSWERED_WITH_1005(List.of("rfc6455/5.5.1/1"), (in, out) -> new EchoSession(in, out) {
        @Override
        protected void answerClose(byte[] payload) throws IOException, ProtocolException {
            if (payload.length == 0) {
                writer().close(1005, "");
            } else {
                super.answerClose(payload);
            }
        }
    }),
    /** Answers a close by sending its payload back, whatever it holds: one byte, 1005, 1006. */
    CLOSE_PAYLOAD_ECHOED_AS_IS(all(List.of("rfc6455/5.5.1/4"), of(CloseCases.INVALID, c -> c == 1005 || c == 1006)),
            (in, out) -> new EchoSession(in, out) {
                @Override
                protected void answerClose(byte[] payload) throws IOException {
                    writer().write(Opcode.CLOSE, payload);
                }
            }),
    /** Echoes any close code; for 1005 and 1006, which §7.4.1 says an endpoint MUST NOT send, that fails outright. */
    CLOSE_CODES_NOT_VALIDATED(of(CloseCases.INVALID, c -> c == 1005 || c == 1006), (in, out) -> new EchoSession(in, out) {
        @Override
        protected boolean isValidCloseCode(int code) {
            return true;
        }
    }),
    /** The same, graded strictly: echoing 999 instead of failing with 1002 differs only in the code (a SHOULD). */
    CLOSE_CODES_NOT_VALIDATED_STRICTLY(true, of(CloseCases.INVALID), CLOSE_CODES_NOT_VALIDATED.session),
    /** Reads the close code and ignores the reason, so a reason that is not UTF-8 gets an ordinary answer. */
    CLOSE_REASON_NOT_UTF8_CHECKED(true, List.of("rfc6455/5.5.1/5"), (in, out) -> new EchoSession(in, out) {
        @Override
        protected void answerClose(byte[] payload) throws IOException, ProtocolException {
            super.answerClose(Arrays.copyOf(payload, Math.min(payload.length, 2)));
        }
    }),
    /** Sends its close frame, then waits for the client to hang up: §5.5.1 and §7.1.7 say the server closes TCP. */
    NEVER_CLOSES_TCP(all(of(FramingCases.UNMASKED), of(FramingCases.PROTOCOL_ERRORS), List.of("rfc6455/5.2/301"),
            of(ControlFrameCases.BAD_CONTROL), of(CloseCases.VALID), of(CloseCases.INVALID), range("5.5.1", 1, 11),
            of(FragmentationCases.BROKEN), List.of("rfc6455/5.4/301"), of(Utf8Cases.INVALID_WHOLE), of(Utf8Cases.INVALID_AFTER_VALID_FRAGMENT),
            of(Utf8Cases.INVALID_BYTEWISE), of(Utf8Cases.FAIL_FAST_PARTS), of(FailureCases.MIXED)),
            (in, out) -> new EchoSession(in, out) {
                @Override
                public void run() throws IOException {
                    super.run();
                    in.transferTo(OutputStream.nullOutputStream());
                }
            }),
    /**
     * Fails the connection, then still reads what had already arrived and answers its pings: an
     * event loop that acts on a failure only when its read buffer is empty. §7.1.7: no further
     * processing. (It reads a bad frame to its end before failing, so the frames behind it parse.)
     */
    KEEPS_PROCESSING_AFTER_FAILING(of(FailureCases.MIXED, m -> m.delivery() == Delivery.ONE_WRITE), (in, out) -> new EchoSession(in, out) {
        @Override
        protected FrameReader newReader(InputStream i) {
            return new FrameReader(i, MAX_MESSAGE_BYTES) {
                private ProtocolException deferred;

                @Override
                protected void checkReservedBits(int rsv) {
                    try {
                        super.checkReservedBits(rsv);
                    } catch (ProtocolException e) {
                        deferred = e;
                    }
                }

                @Override
                protected void checkOpcode(int opcode) {
                    try {
                        super.checkOpcode(opcode);
                    } catch (ProtocolException e) {
                        deferred = e;
                    }
                }

                @Override
                public Optional<Frame> next() throws IOException, ProtocolException {
                    Optional<Frame> f = super.next();
                    if (deferred != null) {
                        ProtocolException e = deferred;
                        deferred = null;
                        throw e;
                    }
                    return f;
                }
            };
        }

        @Override
        public void run() throws IOException {
            super.run();
            FrameReader buffered = new FrameReader(in, MAX_MESSAGE_BYTES) {
            };
            try {
                while (in.available() > 0) {
                    Optional<Frame> f = buffered.next();
                    if (f.isEmpty()) {
                        return;
                    }
                    if (f.get().opcode() == Opcode.PING) {
                        writer().write(Opcode.PONG, f.get().payload());
                    }
                }
            } catch (ProtocolException e) {
                // Nothing more it can parse.
            }
        }
    }),
    KEEPS_READING_AFTER_CLOSE(all(of(CloseCases.VALID), range("5.5.1", 1, 3), range("5.5.1", 6, 11), List.of("rfc6455/5.4/301")),
            (in, out) -> new EchoSession(in, out) {
                @Override
                protected boolean keepsReadingAfterClose() {
                    return true;
                }
            }),

    // --- UTF-8 (§8.1) ---

    UTF8_NOT_VALIDATED(all(of(Utf8Cases.INVALID_WHOLE), of(Utf8Cases.INVALID_AFTER_VALID_FRAGMENT), of(Utf8Cases.INVALID_FAIL_FAST),
            of(Utf8Cases.INVALID_BYTEWISE), of(Utf8Cases.FAIL_FAST_PARTS)),
            (in, out) -> new EchoSession(in, out) {
                @Override
                protected boolean feedUtf8(Utf8Check check, byte[] fragment) {
                    return true;
                }
            }),
    /** {@code if (frame.opcode() == TEXT) validate(...)}: continuation frames of a text message go unchecked. */
    CONTINUATIONS_NOT_UTF8_CHECKED(all(of(Utf8Cases.INVALID_AFTER_VALID_FRAGMENT), List.of("rfc6455/8.1/451")),
            (in, out) -> new EchoSession(in, out) {
        private boolean continuation;

        @Override
        protected void append(Frame f) throws IOException, ProtocolException {
            continuation = f.opcode() == 0;
            super.append(f);
        }

        @Override
        protected boolean feedUtf8(Utf8Check check, byte[] fragment) {
            return continuation || check.feed(fragment);
        }
    }),
    /** Validates each fragment on its own, so a character cut by a fragment boundary fails. */
    UTF8_CHECKED_PER_FRAGMENT(of(Utf8Cases.VALID_BYTEWISE, s -> multiByte(s.bytes())), (in, out) -> new EchoSession(in, out) {
        @Override
        protected boolean feedUtf8(Utf8Check check, byte[] fragment) {
            return Utf8Check.isValid(fragment);
        }
    }),
    /** Forgets the check at the end of the message: text that stops inside a character is echoed. */
    INCOMPLETE_CHARACTER_AT_THE_END_ACCEPTED(all(of(Utf8Cases.INVALID_WHOLE, s -> !Utf8Cases.decidableAtOnce(s)),
            of(Utf8Cases.INVALID_AFTER_VALID_FRAGMENT, s -> !Utf8Cases.decidableAtOnce(s))),
            (in, out) -> new EchoSession(in, out) {
                @Override
                protected boolean finishUtf8(Utf8Check check) {
                    check.finish();
                    return true;
                }
            }),
    OVERLONG_FORMS_ACCEPTED(wronglyAccepted(HandRolledUtf8.Rule.NO_OVERLONG_FORMS), handRolledUtf8(HandRolledUtf8.Rule.NO_OVERLONG_FORMS)),
    SURROGATES_ACCEPTED(wronglyAccepted(HandRolledUtf8.Rule.NO_SURROGATES), handRolledUtf8(HandRolledUtf8.Rule.NO_SURROGATES)),
    CODE_POINTS_ABOVE_U10FFFF_ACCEPTED(wronglyAccepted(HandRolledUtf8.Rule.NOTHING_ABOVE_U10FFFF),
            handRolledUtf8(HandRolledUtf8.Rule.NOTHING_ABOVE_U10FFFF)),
    /** Accepts only the Basic Multilingual Plane, as a UTF-16 code-unit check does: 4-byte characters fail. */
    FOUR_BYTE_UTF8_REJECTED(all(of(Utf8Cases.VALID_WHOLE, s -> hasFourByteCharacter(s.bytes())),
            of(Utf8Cases.VALID_BYTEWISE, s -> hasFourByteCharacter(s.bytes())), List.of("rfc6455/8.1/501")),
            (in, out) -> new EchoSession(in, out) {
                @Override
                protected boolean feedUtf8(Utf8Check check, byte[] fragment) {
                    return check.feed(fragment) && !hasFourByteCharacter(fragment);
                }
            }),
    /** Takes noncharacters (U+FDD0 to U+FDEF, and U+nFFFE, U+nFFFF in every plane) for invalid; they are valid UTF-8. */
    NONCHARACTERS_REJECTED(all(of(Utf8Cases.VALID_WHOLE, s -> hasNoncharacter(s.bytes())),
            of(Utf8Cases.VALID_BYTEWISE, s -> hasNoncharacter(s.bytes()))),
            (in, out) -> new EchoSession(in, out) {
                /** The bytes of the character in progress, kept across fragments. */
                private final ByteArrayOutputStream character = new ByteArrayOutputStream();

                @Override
                protected boolean feedUtf8(Utf8Check check, byte[] fragment) {
                    for (byte b : fragment) {
                        if ((b & 0xC0) != 0x80) {
                            character.reset();
                        }
                        character.write(b);
                        if (hasNoncharacter(character.toByteArray())) {
                            return false;
                        }
                    }
                    return check.feed(fragment);
                }
            }),
    /** Decodes text with a BOM-aware decoder: a leading U+FEFF is taken for a byte order mark and dropped. */
    BYTE_ORDER_MARK_STRIPPED(all(of(Utf8Cases.VALID_WHOLE, s -> s.name().contains("U+FEFF")),
            of(Utf8Cases.VALID_BYTEWISE, s -> s.name().contains("U+FEFF"))),
            (in, out) -> new EchoSession(in, out) {
                @Override
                protected void onMessage(int opcode, byte[] message) throws IOException {
                    boolean bom = opcode == Opcode.TEXT && message.length >= 3
                            && (message[0] & 0xFF) == 0xEF && (message[1] & 0xFF) == 0xBB && (message[2] & 0xFF) == 0xBF;
                    super.onMessage(opcode, bom ? Arrays.copyOfRange(message, 3, message.length) : message);
                }
            });

    static boolean isReserved(int opcode) {
        return opcode > 0x2 && opcode < 0x8 || opcode > 0xA;
    }

    static boolean multiByte(byte[] text) {
        for (byte b : text) {
            if ((b & 0x80) != 0) {
                return true;
            }
        }
        return false;
    }

    static boolean hasFourByteCharacter(byte[] text) {
        for (byte b : text) {
            if ((b & 0xFF) >= 0xF0) {
                return true;
            }
        }
        return false;
    }

    static java.util.function.Predicate<LimitsCases.Sized> textMessage() {
        return m -> m.opcode() == Opcode.TEXT;
    }

    /** Whether the UTF-8 bytes hold a noncharacter: U+FDD0 to U+FDEF, or U+nFFFE and U+nFFFF in any plane. */
    static boolean hasNoncharacter(byte[] utf8) {
        String text = new String(utf8, java.nio.charset.StandardCharsets.UTF_8);
        return text.codePoints().anyMatch(cp -> cp >= 0xFDD0 && cp <= 0xFDEF || (cp & 0xFFFE) == 0xFFFE);
    }

    /**
     * The invalid-UTF-8 cases whose message a validator without {@code rule} accepts, each as its
     * family sends it: the cases a mutant with that validator must fail, and no others.
     */
    private static List<String> wronglyAccepted(HandRolledUtf8.Rule rule) {
        return all(of(Utf8Cases.INVALID_WHOLE, s -> HandRolledUtf8.without(rule).accepts(s.bytes())),
                of(Utf8Cases.INVALID_AFTER_VALID_FRAGMENT, s -> HandRolledUtf8.without(rule)
                        .accepts(Payloads.concat(Payloads.utf8("valid start "), s.bytes()))),
                of(Utf8Cases.INVALID_FAIL_FAST, s -> HandRolledUtf8.without(rule)
                        .accepts(Payloads.concat(Payloads.utf8("start "), s.bytes(), Payloads.utf8(" end")))));
    }

    static byte[] sixteenBitHead(int b0, int len) {
        return new byte[] {(byte) b0, 126, (byte) (len >>> 8), (byte) len};
    }

    /** The reference with a hand-written validator that forgets {@code rule}. */
    private static BiFunction<InputStream, OutputStream, EchoSession> handRolledUtf8(HandRolledUtf8.Rule rule) {
        return (in, out) -> new EchoSession(in, out) {
            private final HandRolledUtf8 utf8 = HandRolledUtf8.without(rule);

            @Override
            protected boolean feedUtf8(Utf8Check check, byte[] fragment) {
                return utf8.feed(fragment);
            }

            @Override
            protected boolean finishUtf8(Utf8Check check) {
                check.finish();
                return utf8.finish();
            }
        };
    }

    final List<String> caughtBy;
    /** Caught only under --strict: the mistake shows only in a close code, which §7.1.7 makes a SHOULD. */
    final boolean strict;
    private final BiFunction<InputStream, OutputStream, EchoSession> session;

    FramesMutants(List<String> caughtBy, BiFunction<InputStream, OutputStream, EchoSession> session) {
        this(false, caughtBy, session);
    }

    FramesMutants(boolean strict, List<String> caughtBy, BiFunction<InputStream, OutputStream, EchoSession> session) {
        this.strict = strict;
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
