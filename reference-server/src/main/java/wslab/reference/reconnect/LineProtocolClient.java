package wslab.reference.reconnect;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import wslab.api.ClientEvents;
import wslab.api.LabClient;
import wslab.api.LabEnvironment;
import wslab.api.RealTime;

/**
 * The reference client as a program that {@code ./wslab grade 04 --client-cmd} can run, and
 * a model for clients in other languages. Its stdin takes one command a line
 * ({@code subscribe <topic>}, {@code send <text>}, {@code close}); its stdout reports one event
 * a line ({@code closed <code> <reason>}).
 *
 * <pre>java -cp ... wslab.reference.reconnect.LineProtocolClient ws://127.0.0.1:9000/feed [seed]</pre>
 */
@RealTime("a program: its own process on the real clock and network")
public final class LineProtocolClient {

    private LineProtocolClient() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: LineProtocolClient <ws://url> [seed]");
            System.exit(2);
        }
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        long seed;
        try {
            seed = args.length == 2 ? Long.parseLong(args[1]) : new java.util.Random().nextLong();
        } catch (NumberFormatException e) {
            System.err.println("usage: LineProtocolClient <ws://url> [seed]: the seed is a signed 64-bit decimal, not '" + args[1] + "'");
            System.exit(2);
            return;
        }
        LabClient client = new ReconnectingClient(LabEnvironment.system(seed));
        client.start(URI.create(args[0]), new ClientEvents() {
            @Override
            public void closed(int code, String reason) {
                out.println("closed " + code + (reason.isEmpty() ? "" : " " + reason));
            }

            @Override
            public void gaveUp() {
                out.println("gave-up");
            }
        });
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            int space = line.indexOf(' ');
            String command = space < 0 ? line : line.substring(0, space);
            String argument = space < 0 ? "" : line.substring(space + 1);
            switch (command) {
                case "subscribe" -> client.subscribe(argument);
                case "send" -> client.send(argument);
                case "close" -> client.close();
                default -> System.err.println("unknown command: " + line);
            }
        }
        // stdin closed: the grader is done with us.
        client.dispose();
    }
}
