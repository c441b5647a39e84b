package wslab.sim;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

import wslab.api.ClientWebSocket;

/** What a {@link ClientWebSocket.Listener} hears, as lines. */
final class RecordingListener implements ClientWebSocket.Listener {

    final List<String> events = new CopyOnWriteArrayList<>();
    private final BiConsumer<ClientWebSocket, List<String>> whenOpen;

    /** @param whenOpen what the application does once the socket is open; it may add lines of its own */
    RecordingListener(BiConsumer<ClientWebSocket, List<String>> whenOpen) {
        this.whenOpen = whenOpen;
    }

    @Override
    public void onOpen(ClientWebSocket socket) {
        events.add("open");
        whenOpen.accept(socket, events);
    }

    @Override
    public void onText(ClientWebSocket socket, String text) {
        events.add("text " + text);
    }

    @Override
    public void onBinary(ClientWebSocket socket, byte[] data) {
        events.add("binary of " + data.length + " bytes");
    }

    @Override
    public void onPing(ClientWebSocket socket) {
        events.add("ping");
    }

    @Override
    public void onError(ClientWebSocket socket, Throwable error) {
        events.add("error");
    }

    @Override
    public void onClose(ClientWebSocket socket, int code, String reason) {
        events.add("close " + code + (reason.isEmpty() ? "" : " " + reason));
    }
}
