package wslab.lessons.framesclient;

import java.net.URI;

import wslab.api.ClientEvents;
import wslab.api.ClientWebSocket;
import wslab.api.EventLoop;
import wslab.api.LabClient;
import wslab.api.LabEnvironment;

/**
 * Lesson 04's transport as an echo client: the WebSocket {@link LabEnvironment#openWebSocket}
 * gives a solution (the simulator's client on virtual time, {@code java.net.http} on the real
 * clock). Its {@link ClientWebSocket} sends only text, so it is graded on the cases that need no
 * binary echo.
 */
final class TransportEchoClient implements LabClient {

    private final LabEnvironment env;
    private final EventLoop loop;
    private ClientWebSocket socket;

    TransportEchoClient(LabEnvironment env) {
        this.env = env;
        this.loop = env.newLoop("transport-echo-client");
    }

    @Override
    public void start(URI url, ClientEvents events) {
        loop.execute(() -> socket = env.openWebSocket(url, loop, new ClientWebSocket.Listener() {
            @Override
            public void onText(ClientWebSocket ws, String text) {
                ws.sendText(text);
            }

            @Override
            public void onClose(ClientWebSocket ws, int code, String reason) {
                events.closed(code, reason);
            }
        }));
    }

    @Override
    public void subscribe(String topic) {
    }

    @Override
    public void send(String text) {
    }

    @Override
    public void close() {
    }

    @Override
    public void dispose() {
        loop.execute(() -> {
            if (socket != null) {
                socket.abort();
            }
            loop.shutdown();
        });
    }
}
