package wslab.reference.chat;

import java.io.IOException;
import java.io.PrintStream;

import wslab.api.ChatEvents;
import wslab.api.RealTime;
import wslab.reference.program.ClientProgram;

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
        ClientProgram.Arguments arguments = ClientProgram.parse("LineChatClient", args);
        PrintStream out = ClientProgram.reports();
        ChatClient client = new ChatClient(arguments.env());
        client.start(arguments.url(), new ChatEvents() {
            @Override
            public void closed(int code, String reason) {
                out.println(ClientProgram.closed(code, reason));
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
        ClientProgram.followCommands(client);
    }
}
