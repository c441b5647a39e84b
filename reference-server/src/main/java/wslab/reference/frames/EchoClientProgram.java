package wslab.reference.frames;

import java.io.IOException;
import java.io.PrintStream;

import wslab.api.LabClient;
import wslab.api.RealTime;
import wslab.reference.program.ClientProgram;

/**
 * The reference echo client as a program that {@code ./wslab grade rfc6455-client --client-cmd}
 * can run, and a model for echo clients in other languages: it connects to the URL it is given,
 * echoes, and prints {@code closed <code>[ <reason>]} when the connection ends. It exits when
 * its stdin closes.
 *
 * <pre>java -cp ... wslab.reference.frames.EchoClientProgram ws://127.0.0.1:9000/ [seed]</pre>
 */
@RealTime("a program: its own process on the real clock and network")
public final class EchoClientProgram {

    private EchoClientProgram() {
    }

    public static void main(String[] args) throws IOException {
        // The echo client speaks plain TCP: a wss:// URL would reach it as an unreadable handshake.
        if (args.length >= 1 && !args[0].startsWith("ws://")) {
            System.err.println("usage: EchoClientProgram <ws://host:port/path> [seed]");
            System.exit(2);
        }
        ClientProgram.Arguments arguments = ClientProgram.parse("EchoClientProgram", args);
        PrintStream out = ClientProgram.reports();
        LabClient client = new EchoClient(arguments.env());
        client.start(arguments.url(), (code, reason) -> out.println(ClientProgram.closed(code, reason)));
        // Nothing comes on stdin; its end says the grader is done with us.
        while (System.in.read() >= 0) {
            // Ignored.
        }
        client.dispose();
    }
}
