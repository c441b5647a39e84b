package wslab.reference.chat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import wslab.api.ChatEvents;
import wslab.api.LabEnvironment;
import wslab.api.RealTime;

/**
 * Lesson 07c's reference client as a program that {@code ./wslab grade 07c --client-cmd} can run,
 * and a model for clients in other languages. Its stdin takes one command a line
 * ({@code subscribe <room>}, {@code send <text>}, {@code close}); its stdout reports one event a line:
 * {@code delivered <room> <seq> <client> <id> <text>}, {@code cannot-recover <room> <oldest> <latest>},
 * {@code closed <code> [<reason>]}.
 *
 * <pre>java -cp ... wslab.reference.chat.LineChatClient ws://127.0.0.1:9000/chat [seed]</pre>
 */
@RealTime("a program: its own process on the real clock and network")
public final class LineChatClient {

    private LineChatClient() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: LineChatClient <ws://url> [seed]");
            System.exit(2);
        }
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        long seed;
        try {
            seed = args.length == 2 ? Long.parseLong(args[1]) : new java.util.Random().nextLong();
        } catch (NumberFormatException e) {
            System.err.println("usage: LineChatClient <ws://url> [seed]: the seed is a signed 64-bit decimal, not '" + args[1] + "'");
            System.exit(2);
            return;
        }
        ChatClient client = new ChatClient(LabEnvironment.system(seed));
        client.start(URI.create(args[0]), new ChatEvents() {
            @Override
            public void closed(int code, String reason) {
                out.println("closed " + code + (reason.isEmpty() ? "" : " " + reason));
            }

            @Override
            public void delivered(String room, long seq, String from, String id, String text) {
                out.println("delivered " + room + " " + seq + " " + from + " " + id + " " + text);
            }

            @Override
            public void cannotRecover(String room, long oldest, long latest) {
                out.println("cannot-recover " + room + " " + oldest + " " + latest);
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
        client.dispose();
    }
}
