package wslab.reference.chat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.function.Function;

import wslab.api.ChatContract;
import wslab.api.LabEnvironment;
import wslab.api.Registration;
import wslab.reference.handshake.HandshakeNegotiator;
import wslab.reference.handshake.RawHandshakeServer;

/** Lesson 07's reference: lesson 01's handshake, lesson 02's frames, the chat protocol on top. */
public class ChatServer extends RawHandshakeServer {

    private final ChatRooms rooms;

    public ChatServer(LabEnvironment env) {
        this(env, new ChatRooms(new MemoryLog()));
    }

    public ChatServer(LabEnvironment env, ChatRooms rooms) {
        super(env, new HandshakeNegotiator(ChatContract.PATH, List.of()));
        this.rooms = rooms;
    }

    /** A server whose rules come from {@code rooms}, built once the environment is known. */
    public static Function<LabEnvironment, ChatServer> with(Function<LabEnvironment, ChatRooms> rooms) {
        return env -> new ChatServer(env, rooms.apply(env));
    }

    @Override
    protected void afterUpgrade(InputStream in, OutputStream out) throws IOException {
        newSession(in, out).run();
    }

    /** One connection's session; the project's tests override it to break one rule at a time. */
    protected ChatSession newSession(InputStream in, OutputStream out) {
        return new ChatSession(in, out, rooms);
    }

    protected final ChatRooms rooms() {
        return rooms;
    }

    @Override
    public void close() {
        super.close();
        rooms.close();
    }

    /** Publishes the server as lesson 07's reference. */
    public static final class Reference extends Registration {
        public Reference() {
            super("07", "reference", ChatContract.PATH, ChatServer::new);
        }
    }
}
