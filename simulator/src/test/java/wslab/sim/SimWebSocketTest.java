package wslab.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static wslab.sim.ServerFrames.close;
import static wslab.sim.ServerFrames.filled;
import static wslab.sim.ServerFrames.frame;
import static wslab.sim.ServerFrames.hex;
import static wslab.sim.ServerFrames.text;
import static wslab.sim.ServerFrames.utf8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import wslab.api.ClientWebSocket;
import wslab.api.EventLoop;
import wslab.api.LabEnvironment;
import wslab.api.Signal;
import wslab.api.TcpConnection;
import wslab.api.TcpListener;

/**
 * The simulator's WebSocket client against servers on the simulation: the events an application
 * hears, and what the client puts on the wire (RFC 6455 §5, §7, §8.1), timed on the virtual clock.
 */
class SimWebSocketTest {

    /** What the application heard, and what the server saw the client send. */
    private record Outcome(List<String> client, List<String> server) {
    }

    /** Runs one connection to a server playing {@code script}, for 10 s of virtual time. */
    private static Outcome connect(ScriptedServer.Script script, BiConsumer<ClientWebSocket, List<String>> whenOpen)
            throws Exception {
        try (Simulation sim = new Simulation(13)) {
            LabEnvironment env = sim.environment(13);
            List<String> server = new CopyOnWriteArrayList<>();
            URI url = ScriptedServer.start(env, server, script);
            RecordingListener client = new RecordingListener(whenOpen);
            env.openWebSocket(url, env.newLoop("client"), client);
            env.sleep(Duration.ofSeconds(10));
            return new Outcome(List.copyOf(client.events), List.copyOf(server));
        }
    }

    private static Outcome connect(ScriptedServer.Script script) throws Exception {
        return connect(script, (socket, events) -> { });
    }

    /** A server that upgrades, echoes one text message, then closes with 4000 "bye". */
    private static void serveOnce(LabEnvironment env, TcpListener listener) {
        env.startThread("server", () -> {
            try (TcpConnection c = listener.accept()) {
                InputStream in = c.input();
                OutputStream out = c.output();
                String head = readHead(in);
                String key = head.lines().filter(l -> l.toLowerCase().startsWith("sec-websocket-key:"))
                        .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElseThrow();
                out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Accept: " + OpeningHandshake.acceptFor(key) + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                int b0 = in.read();
                int len = in.read() & 0x7F;
                byte[] mask = in.readNBytes(4);
                byte[] payload = in.readNBytes(len);
                for (int i = 0; i < len; i++) {
                    payload[i] ^= mask[i & 3];
                }
                out.write(new byte[] {(byte) b0, (byte) len});
                out.write(payload);
                byte[] reason = "bye".getBytes(StandardCharsets.UTF_8);
                out.write(new byte[] {(byte) 0x88, (byte) (2 + reason.length), 0x0F, (byte) 0xA0});
                out.write(reason);
                in.readNBytes(2 + 4 + 2);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            head.write(in.read());
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void opensEchoesAndReportsTheServersCloseOnTheLoop() throws Exception {
        try (Simulation sim = new Simulation(11)) {
            LabEnvironment env = sim.environment(11);
            TcpListener listener = env.listen(0);
            serveOnce(env, listener);
            EventLoop loop = env.newLoop("client");
            List<String> events = new CopyOnWriteArrayList<>();
            Signal signal = env.newSignal();
            env.openWebSocket(URI.create("ws://127.0.0.1:" + listener.port() + "/feed"), loop, new ClientWebSocket.Listener() {
                @Override
                public void onOpen(ClientWebSocket socket) {
                    events.add("open" + (loop.inLoop() ? " on the loop" : ""));
                    socket.sendText("hi");
                }

                @Override
                public void onText(ClientWebSocket socket, String text) {
                    events.add("text " + text);
                }

                @Override
                public void onClose(ClientWebSocket socket, int code, String reason) {
                    events.add("close " + code + " " + reason);
                    signal.signalAll();
                }
            });
            assertThat(signal.await(() -> events.size() == 3, Duration.ofSeconds(5))).isTrue();
            assertThat(events).containsExactly("open on the loop", "text hi", "close 4000 bye");
        }
    }

    @Test
    void aRefusedConnectionIsAnErrorThenClose1006() throws Exception {
        try (Simulation sim = new Simulation(12)) {
            LabEnvironment env = sim.environment(12);
            EventLoop loop = env.newLoop("client");
            List<String> events = new CopyOnWriteArrayList<>();
            Signal signal = env.newSignal();
            env.openWebSocket(URI.create("ws://127.0.0.1:45000/feed"), loop, new ClientWebSocket.Listener() {
                @Override
                public void onError(ClientWebSocket socket, Throwable error) {
                    events.add("error");
                }

                @Override
                public void onClose(ClientWebSocket socket, int code, String reason) {
                    events.add("close " + code);
                    signal.signalAll();
                }
            });
            assertThat(signal.await(() -> events.size() == 2, Duration.ofSeconds(5))).isTrue();
            assertThat(events).containsExactly("error", "close 1006");
        }
    }

    /**
     * One rule, kept and broken: the frames that keep it reach the application as {@code kept};
     * those that break it fail the connection with {@code code}.
     */
    record Rule(String name, byte[] keeps, String kept, byte[] breaks, int code) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Rule> rules() {
        return Stream.of(
                new Rule("§5.2 no reserved bit without an extension", frame(true, 0, Rfc6455.TEXT, utf8("x")), "text x",
                        frame(true, 4, Rfc6455.TEXT, utf8("x")), CloseCodes.PROTOCOL_ERROR),
                new Rule("§5.2 no reserved opcode", frame(Rfc6455.BINARY, utf8("x")), "binary of 1 bytes",
                        frame(0x3, utf8("x")), CloseCodes.PROTOCOL_ERROR),
                new Rule("§5.1 no mask from a server", text("hello"), "text hello",
                        ServerFrames.masked(Rfc6455.TEXT, utf8("hello")), CloseCodes.PROTOCOL_ERROR),
                new Rule("§5.5 control frames carry at most 125 bytes", frame(Rfc6455.PING, filled(125)), "ping",
                        frame(Rfc6455.PING, filled(126)), CloseCodes.PROTOCOL_ERROR),
                new Rule("§5.5 control frames are never fragmented", frame(Rfc6455.PING, utf8("p")), "ping",
                        frame(false, 0, Rfc6455.PING, utf8("p")), CloseCodes.PROTOCOL_ERROR),
                new Rule("§5.4 a continuation continues a message",
                        ServerFrames.concat(frame(false, 0, Rfc6455.TEXT, utf8("or")), frame(Rfc6455.CONTINUATION, utf8("phan"))),
                        "text orphan", frame(Rfc6455.CONTINUATION, utf8("orphan")), CloseCodes.PROTOCOL_ERROR),
                new Rule("§5.4 no new message inside a fragmented one",
                        ServerFrames.concat(frame(false, 0, Rfc6455.TEXT, utf8("ab")), frame(Rfc6455.CONTINUATION, utf8("cd"))),
                        "text abcd", ServerFrames.concat(frame(false, 0, Rfc6455.TEXT, utf8("ab")), text("cd")),
                        CloseCodes.PROTOCOL_ERROR),
                new Rule("§8.1 text is UTF-8", text("κόσμε"), "text κόσμε",
                        frame(Rfc6455.TEXT, hex("61 ED A0 80")), CloseCodes.INVALID_FRAME_PAYLOAD_DATA),
                new Rule("§8.1 text is UTF-8 across fragments",
                        ServerFrames.concat(frame(false, 0, Rfc6455.TEXT, hex("E2 82")), frame(Rfc6455.CONTINUATION, hex("AC"))),
                        "text €", ServerFrames.concat(frame(false, 0, Rfc6455.TEXT, hex("61 E2")),
                                frame(Rfc6455.CONTINUATION, hex("28 62"))), CloseCodes.INVALID_FRAME_PAYLOAD_DATA),
                new Rule("§7.4.1 no 1005 in a close frame", close(3000, new byte[0]), "close 3000",
                        close(1005, new byte[0]), CloseCodes.PROTOCOL_ERROR),
                new Rule("§7.4.1 no 1006 in a close frame", close(4999, new byte[0]), "close 4999",
                        close(1006, new byte[0]), CloseCodes.PROTOCOL_ERROR),
                new Rule("§7.4.1 no 1015 in a close frame", close(1011, new byte[0]), "close 1011",
                        close(1015, new byte[0]), CloseCodes.PROTOCOL_ERROR),
                new Rule("§7.4.2 no code below 1000", close(1000, new byte[0]), "close 1000",
                        close(999, new byte[0]), CloseCodes.PROTOCOL_ERROR),
                new Rule("§5.5.1 a close payload starts with a 2-byte code", frame(Rfc6455.CLOSE, new byte[0]), "close 1005",
                        frame(Rfc6455.CLOSE, hex("03")), CloseCodes.PROTOCOL_ERROR),
                new Rule("§5.5.1 a close reason is UTF-8", close(1000, utf8("bye")), "close 1000 bye",
                        close(1000, hex("41 ED A0 80")), CloseCodes.INVALID_FRAME_PAYLOAD_DATA),
                new Rule("§7.4.1 a message over the client's limit", frame(Rfc6455.BINARY, filled(1 << 20)), "binary of 1048576 bytes",
                        java.util.Arrays.copyOf(frame(Rfc6455.BINARY, filled(SimWebSocket.MAX_MESSAGE_BYTES + 1)), 10),
                        CloseCodes.MESSAGE_TOO_BIG));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void whatKeepsARuleReachesTheApplication(Rule rule) throws Exception {
        Outcome o = connect(server -> {
            server.send(rule.keeps(), close(1000, new byte[0]));
            server.readUntilClose();
        });
        assertThat(o.client()).as("the application heard").contains(rule.kept()).doesNotContain("error");
        assertThat(o.server()).as("the client sent").last().asString().startsWith("close").doesNotContain("1002", "1007", "1009");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void whatBreaksARuleFailsTheConnectionWithItsCode(Rule rule) throws Exception {
        Outcome o = connect(server -> {
            server.send(rule.breaks());
            server.readUntilClose();
        });
        assertThat(o.server()).as("the client sent").containsExactly("close " + rule.code());
        assertThat(o.client()).as("the application heard (RFC 6455 §7.1.5: no close frame was received)")
                .containsExactly("open", "error", "close 1006");
    }

    @Test
    void aPingBetweenFragmentsGetsAPongWithItsPayloadAndTheMessageStaysWhole() throws Exception {
        Outcome o = connect(server -> {
            server.send(frame(false, 0, Rfc6455.TEXT, utf8("Hel")), frame(Rfc6455.PING, utf8("between")),
                    frame(Rfc6455.PONG, utf8("unasked")), frame(Rfc6455.CONTINUATION, utf8("lo")), close(1000, new byte[0]));
            server.readUntilClose();
        });
        assertThat(o.server()).containsExactly("pong between", "close 1000");
        assertThat(o.client()).containsExactly("open", "ping", "text Hello", "close 1000");
    }

    @Test
    void aBinaryMessageInSixteenFragmentsArrivesWhole() throws Exception {
        Outcome o = connect(server -> {
            byte[][] parts = new byte[16][];
            for (int i = 0; i < parts.length; i++) {
                parts[i] = frame(i == 15, 0, i == 0 ? Rfc6455.BINARY : Rfc6455.CONTINUATION, filled(4096));
            }
            server.send(parts);
            server.send(close(1000, new byte[0]));
            server.readUntilClose();
        });
        assertThat(o.client()).containsExactly("open", "binary of 65536 bytes", "close 1000");
    }

    @Test
    void aCloseWithNoCodeIsAnsweredWithNoCodeAndReportedAs1005() throws Exception {
        Outcome o = connect(server -> {
            server.send(frame(Rfc6455.CLOSE, new byte[0]));
            server.readUntilClose();
        });
        assertThat(o.server()).containsExactly("close");
        assertThat(o.client()).containsExactly("open", "close 1005");
    }

    @Test
    void aConnectionThatEndsWithoutACloseFrameIsReportedAs1006() throws Exception {
        Outcome o = connect(server -> server.send(text("bye, without a close")));
        assertThat(o.client()).containsExactly("open", "text bye, without a close", "error", "close 1006");
    }

    @Test
    void whatComesAfterTheServersCloseIsNotProcessed() throws Exception {
        Outcome o = connect(server -> {
            server.send(close(1000, new byte[0]), text("too late"), frame(Rfc6455.PING, utf8("late")));
            server.readUntilClose();
            server.awaitClientTcpClose(500);
        });
        assertThat(o.server()).containsExactly("close 1000", "tcp still open after 500 ms");
        assertThat(o.client()).containsExactly("open", "close 1000");
    }

    @Test
    void afterTheClosingHandshakeTheClientLeavesTheTcpCloseToTheServerForTwoSeconds() throws Exception {
        Outcome o = connect(server -> {
            server.send(close(1000, new byte[0]));
            server.readUntilClose();
            server.awaitClientTcpClose(10_000);
        });
        assertThat(o.server()).containsExactly("close 1000", "tcp closed by the client after "
                + SimWebSocket.SERVER_CLOSE_WAIT.toMillis() + " ms");
    }

    @Test
    void afterFailingTheConnectionTheClientLeavesTheTcpCloseToTheServerToo() throws Exception {
        Outcome o = connect(server -> {
            server.send(frame(0xB, new byte[0]));
            server.readUntilClose();
            server.send(close(1002, new byte[0]));
            server.awaitClientTcpClose(10_000);
        });
        assertThat(o.server()).containsExactly("close 1002", "tcp closed by the client after "
                + SimWebSocket.SERVER_CLOSE_WAIT.toMillis() + " ms");
        assertThat(o.client()).containsExactly("open", "error", "close 1006");
    }

    @Test
    void theApplicationsCloseIsReportedWithTheCodeTheServerAnswers() throws Exception {
        Outcome o = connect(server -> {
            ScriptedServer.ClientFrame close = server.readUntilClose();
            server.send(close(close.closeCode(), utf8("answered " + close.reason())));
        }, (socket, events) -> socket.close(4000, "done"));
        assertThat(o.server()).containsExactly("close 4000");
        assertThat(o.client()).containsExactly("open", "close 4000 answered done");
    }

    @Test
    void theApplicationsCloseUnansweredEndsAs1006AfterTheCloseTimeout() throws Exception {
        Outcome o = connect(server -> {
            server.readUntilClose();
            server.awaitClientTcpClose(10_000);
        }, (socket, events) -> socket.close(1000, ""));
        assertThat(o.server()).containsExactly("close 1000", "tcp closed by the client after "
                + ClientWebSocket.CLOSE_TIMEOUT.toMillis() + " ms");
        assertThat(o.client()).containsExactly("open", "close 1006");
    }

    @Test
    void theApplicationCannotCloseWithACodeOrReasonThatMayNotBeSent() throws Exception {
        Outcome o = connect(server -> server.readUntilClose(), (socket, events) -> {
            for (int code : new int[] {1005, 1006, 1015, 999, 1004, 2999, 5000}) {
                try {
                    socket.close(code, "");
                    events.add("closed with " + code);
                } catch (IllegalArgumentException e) {
                    events.add("refused " + code);
                }
            }
            try {
                socket.close(1000, "a".repeat(124));
            } catch (IllegalArgumentException e) {
                events.add("refused a reason of 124 bytes");
            }
            socket.close(3000, "a".repeat(123));
        });
        assertThat(o.client()).startsWith("open", "refused 1005", "refused 1006", "refused 1015", "refused 999",
                "refused 1004", "refused 2999", "refused 5000", "refused a reason of 124 bytes");
        assertThat(o.server()).containsExactly("close 3000");
    }
}
