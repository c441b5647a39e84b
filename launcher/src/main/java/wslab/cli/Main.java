package wslab.cli;

import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./wslab}: the one entry point for learners, interviewers and instructors. */
@Command(name = "wslab", mixinStandardHelpOptions = true, version = "wslab 0.1.0",
        description = "WebSocket teaching kit and conformance suite.",
        subcommands = {ServeCommand.class, LessonsCommand.class, GradeCommand.class, ProxyCommand.class,
                BenchCommand.class, SoakCommand.class, FuzzCommand.class, CommandLine.HelpCommand.class})
public final class Main implements java.util.concurrent.Callable<Integer> {

    /** UTF-8 whatever the locale, so ✔ and ✘ survive a POSIX-locale CI shell. */
    static final PrintStream OUT = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    static final PrintStream ERR = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String... args) {
        return commandLine().execute(args);
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(new PrintWriter(OUT, true));
        cli.setErr(new PrintWriter(ERR, true));
        // A failing command prints one line, never a stack trace: the user needs the what, not the where.
        // A wrong argument is one line and a hint (and picocli's "did you mean" for a misspelt option), not
        // the whole usage: the line that says what is wrong must not scroll away.
        cli.setParameterExceptionHandler((e, args) -> {
            CommandLine failed = e.getCommandLine();
            failed.getErr().println("wslab: " + e.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(e, failed.getErr());
            failed.getErr().println("Try '" + failed.getCommandSpec().qualifiedName() + " --help' for usage.");
            return 2;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("wslab: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            commandLine.getErr().println("Try '" + commandLine.getCommandSpec().qualifiedName() + " --help' for usage.");
            return 2;
        });
        return cli;
    }

    /** The checkout the launcher runs from: reports and last grades live under it. */
    static Path home() {
        return Path.of(System.getProperty("wslab.home", ".")).toAbsolutePath().normalize();
    }

    /** No command at all: the list of commands is the help the user needs. */
    @Override
    public Integer call() {
        spec.commandLine().getErr().println("wslab: a command is needed");
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }
}
