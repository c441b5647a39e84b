package wslab.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import wslab.api.ClientWebSocket;
import wslab.api.EventLoop;
import wslab.api.LabEnvironment;
import wslab.api.Signal;
import wslab.api.TcpConnection;
import wslab.api.TcpListener;

class SimWebSocketTest {

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
                        + "Sec-WebSocket-Accept: " + SimWebSocket.acceptFor(key) + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
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
}
