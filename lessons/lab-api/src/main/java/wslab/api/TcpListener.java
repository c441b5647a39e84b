package wslab.api;

import java.io.Closeable;
import java.io.IOException;

/** A listening TCP socket on the loopback interface. */
public interface TcpListener extends Closeable {

    /** The port it listens on. */
    int port();

    /** Waits for the next connection; throws once the listener is closed. */
    TcpConnection accept() throws IOException;

    /** Stops listening: new connections are refused, {@link #accept()} throws. Never throws. */
    @Override
    void close();
}
