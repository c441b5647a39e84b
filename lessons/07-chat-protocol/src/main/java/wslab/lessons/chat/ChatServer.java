package wslab.lessons.chat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

import wslab.api.ChatContract;
import wslab.api.LabEnvironment;
import wslab.api.Registration;
import wslab.reference.handshake.HandshakeNegotiator;
import wslab.reference.handshake.RawHandshakeServer;

/**
 * Lesson 07 starter. Given: the handshake and the frames (the kit's lesson 01 and 02 references),
 * the connection's message loop ({@link ChatConnection}) and the rooms' registry ({@link Rooms}).
 * Yours: the rules in {@link Room} and {@link MemoryHistory}, the size limit and leave in
 * {@link ChatConnection}. Each TODO names the checks it makes pass.
 */
public class ChatServer extends RawHandshakeServer {

    protected final Rooms rooms;

    public ChatServer(LabEnvironment env) {
        this(env, new Rooms(MemoryHistory::new));
    }

    public ChatServer(LabEnvironment env, Rooms rooms) {
        super(env, new HandshakeNegotiator(ChatContract.PATH, List.of()));
        this.rooms = rooms;
    }

    @Override
    protected void afterUpgrade(InputStream in, OutputStream out) throws IOException {
        new ChatConnection(in, out, rooms).run();
    }

    /** Lets {@code ./wslab grade 07} find this starter. */
    public static final class Starter extends Registration {
        public Starter() {
            super("07", "starter", ChatContract.PATH, ChatServer::new);
        }
    }
}
