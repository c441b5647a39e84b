package wslab.reference.jetty;

import java.io.IOException;
import java.nio.ByteBuffer;

import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;

/** Sends every text and binary message back as it came. Jetty does the framing. */
public class EchoEndpoint extends Endpoint {

    /** Jetty's default of 64 KiB text would refuse the large messages later lessons send. */
    static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        session.setMaxTextMessageBufferSize(MAX_MESSAGE_BYTES);
        session.setMaxBinaryMessageBufferSize(MAX_MESSAGE_BYTES);
        session.addMessageHandler(String.class, (MessageHandler.Whole<String>) text -> send(session, text));
        session.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) data -> send(session, data));
    }

    private static void send(Session session, Object message) {
        try {
            if (message instanceof String text) {
                session.getBasicRemote().sendText(text);
            } else {
                session.getBasicRemote().sendBinary((ByteBuffer) message);
            }
        } catch (IOException e) {
            // The peer is gone; Jetty closes the session.
        }
    }
}
