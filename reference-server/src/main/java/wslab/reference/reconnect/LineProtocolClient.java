package wslab.reference.reconnect;

import java.io.IOException;
import java.io.PrintStream;

import wslab.api.ClientEvents;
import wslab.api.LabClient;
import wslab.api.RealTime;
import wslab.reference.program.ClientProgram;

/**
 * The reference client as a program that {@code ./wslab grade 04 --client-cmd} can run, and
 * a model for clients in other languages. Its stdin takes one command a line
 * ({@code subscribe <topic>}, {@code send <text>}, {@code close}); its stdout reports one event
 * a line ({@code closed <code> <reason>}, {@code gave-up}).
 *
 * <pre>java -cp ... wslab.reference.reconnect.LineProtocolClient ws://127.0.0.1:9000/feed [seed]</pre>
 */
@RealTime("a program: its own process on the real clock and network")
public final class LineProtocolClient {

    private LineProtocolClient() {
    }

    public static void main(String[] args) throws IOException {
        ClientProgram.Arguments arguments = ClientProgram.parse("LineProtocolClient", args);
        PrintStream out = ClientProgram.reports();
        LabClient client = new ReconnectingClient(arguments.env());
        client.start(arguments.url(), new ClientEvents() {
            @Override
            public void closed(int code, String reason) {
                out.println(ClientProgram.closed(code, reason));
            }

            @Override
            public void gaveUp() {
                out.println("gave-up");
            }
        });
        ClientProgram.followCommands(client);
    }
}
