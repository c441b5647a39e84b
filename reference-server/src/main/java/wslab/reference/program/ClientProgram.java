package wslab.reference.program;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import wslab.api.LabClient;
import wslab.api.LabEnvironment;
import wslab.api.RealTime;

/**
 * What the reference clients share as programs that {@code ./wslab grade --client-cmd} runs: the
 * arguments {@code <ws://url> [seed]}, the line that reports a connection's end, and the commands
 * read from stdin. One place, so the programs agree and a client in another language has one model.
 */
@RealTime("a program: its own process on the real clock and network")
public final class ClientProgram {

    /** Where the client connects, and the environment its jitter draws from. */
    public record Arguments(URI url, LabEnvironment env) {
    }

    private ClientProgram() {
    }

    /**
     * {@code <ws://url> [seed]}, with a random seed when none is given. Bad input prints one line
     * and exits with 2: the grader shows that line, not a stack trace.
     */
    public static Arguments parse(String program, String[] args) {
        String usage = "usage: " + program + " <ws://url> [seed]";
        if (args.length < 1 || args.length > 2) {
            exit(usage);
        }
        long seed = 0;
        try {
            seed = args.length == 2 ? Long.parseLong(args[1]) : new Random().nextLong();
        } catch (NumberFormatException e) {
            exit(usage + ": the seed is a signed 64-bit decimal, not '" + args[1] + "'");
        }
        URI url = null;
        try {
            url = URI.create(args[0]);
        } catch (IllegalArgumentException e) {
            exit(program + ": '" + args[0] + "' is not a URL: " + e.getMessage());
        }
        return new Arguments(url, LabEnvironment.system(seed));
    }

    private static void exit(String line) {
        System.err.println(line);
        System.exit(2);
    }

    /** stdout in UTF-8, flushed at every line: the grader reads each report as it comes. */
    public static PrintStream reports() {
        return new PrintStream(System.out, true, StandardCharsets.UTF_8);
    }

    /** {@code closed <code>[ <reason>]}: how every client program reports that a connection ended. */
    public static String closed(int code, String reason) {
        return "closed " + code + (reason.isEmpty() ? "" : " " + reason);
    }

    /**
     * Carries out {@code subscribe <topic>}, {@code send <text>} and {@code close}, one a line,
     * until stdin ends: that end says the grader is done with the client, which is then disposed.
     */
    public static void followCommands(LabClient client) throws IOException {
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
        client.dispose();
    }
}
