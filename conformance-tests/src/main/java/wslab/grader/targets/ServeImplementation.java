package wslab.grader.targets;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import wslab.api.LabEnvironment;
import wslab.api.LabServer;
import wslab.api.Lesson;
import wslab.api.LessonCatalog;

/**
 * The child JVM a restart-recovery grade runs a Java implementation in, so that the grader can
 * end it with SIGKILL: {@code ServeImplementation <lesson> <implementation> <port> <data-dir>}
 * starts the implementation on the real clock and network, prints one line when it listens, and
 * runs until it is killed.
 */
public final class ServeImplementation {

    private ServeImplementation() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: ServeImplementation <lesson> <implementation> <port> <data-dir>");
            System.exit(2);
        }
        LessonCatalog catalog = LessonCatalog.load();
        Lesson lesson = catalog.lesson(args[0]).orElse(null);
        if (lesson == null) {
            System.err.println("no lesson " + args[0] + " on this class path");
            System.exit(2);
        }
        Path data = Path.of(args[3]);
        Files.createDirectories(data);
        LabServer server = ImplTargetKind.durableFactory(args[1], lesson, catalog)
                .apply(LabEnvironment.system(System.nanoTime()), data);
        int port = server.start(Integer.parseInt(args[2]));
        System.out.println("serving lesson " + lesson.id() + " " + args[1] + " on port " + port + ", data in " + data);
        // Until SIGKILL: nothing here ever returns normally, as a crash would not.
        Thread.currentThread().join();
    }

    /** The command line of a child JVM with this JVM's class path. */
    static List<String> command(String lesson, String implementation, int port, Path data) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // A short-lived server: start fast rather than peak.
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-Xshare:auto");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(ServeImplementation.class.getName());
        cmd.add(lesson);
        cmd.add(implementation);
        cmd.add(Integer.toString(port));
        cmd.add(data.toString());
        return cmd;
    }
}
