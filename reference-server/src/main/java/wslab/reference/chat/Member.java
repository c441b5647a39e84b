package wslab.reference.chat;

import java.io.IOException;

/** One connection's place in a room: who it says it is, and how to write to it. */
public interface Member {

    /** The client id its join gave. */
    String client();

    /** Writes one text message to the connection; never blocks for long (the lab's sockets do not). */
    void deliver(String text) throws IOException;
}
