package wslab.grader.targets;

import java.nio.file.Files;
import java.nio.file.Path;

import wslab.api.LabEnvironment;
import wslab.reference.handshake.RawHandshakeServer;

/**
 * Lesson 01's reference as a program, for the tests of --server-cmd: {@code <port> <data-dir>}.
 * It counts its starts in the data directory, so a test can see a restart kept the data.
 */
public final class OneServerProgram {

    private OneServerProgram() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[1]);
        Path starts = data.resolve("starts");
        int count = Files.exists(starts) ? Integer.parseInt(Files.readString(starts).trim()) + 1 : 1;
        Files.writeString(starts, Integer.toString(count));
        RawHandshakeServer server = new RawHandshakeServer(LabEnvironment.system(1));
        server.start(Integer.parseInt(args[0]));
        System.out.println("serving, start " + count);
        Thread.currentThread().join();
    }
}
