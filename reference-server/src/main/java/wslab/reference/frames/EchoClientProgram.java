package wslab.reference.frames;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import wslab.api.LabClient;
import wslab.api.LabEnvironment;
import wslab.api.RealTime;

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
        if (args.length < 1 || args.length > 2 || !args[0].startsWith("ws://")) {
            System.err.println("usage: EchoClientProgram <ws://host:port/path> [seed]");
            System.exit(2);
        }
        long seed;
        try {
            seed = args.length == 2 ? Long.parseLong(args[1]) : new java.util.Random().nextLong();
        } catch (NumberFormatException e) {
            System.err.println("usage: EchoClientProgram <ws://url> [seed]: the seed is a signed 64-bit decimal, not '" + args[1] + "'");
            System.exit(2);
            return;
        }
        URI url;
        try {
            url = URI.create(args[0]);
        } catch (IllegalArgumentException e) {
            System.err.println("EchoClientProgram: '" + args[0] + "' is not a URL: " + e.getMessage());
            System.exit(2);
            return;
        }
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        LabClient client = new EchoClient(LabEnvironment.system(seed));
        client.start(url, (code, reason) -> out.println("closed " + code + (reason.isEmpty() ? "" : " " + reason)));
        // Nothing comes on stdin; its end says the grader is done with us.
        while (System.in.read() >= 0) {
            // Ignored.
        }
        client.dispose();
    }
}
