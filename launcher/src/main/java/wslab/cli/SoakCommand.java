package wslab.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import wslab.api.LabEnvironment;
import wslab.api.LabImplementation;
import wslab.api.LabServer;
import wslab.api.LessonCatalog;
import wslab.checks.lesson07.ChatNames;
import wslab.checks.lesson07.ChatSoak;
import wslab.faults.FaultNetwork;

@Command(name = "soak", mixinStandardHelpOptions = true,
        description = "Many chat clients, many messages, random toxics (reset_peer, limit_data, slicer over latency with jitter) "
                + "against a lesson 07 server; prints, last, 'lost L, duplicated D, reordered R, p99 ack latency X ms'. "
                + "Exit code 0 when nothing was lost, duplicated or reordered, 1 otherwise, 2 on a usage error.",
        footer = {"", "Examples:",
                "  ./wslab soak 07                                   the reference, 50 clients, 20000 messages",
                "  ./wslab soak 07 --clients 10 --messages 2000 --seed 7",
                "  ./wslab soak 07 --target ws://127.0.0.1:9007/chat  a chat server in any language"})
final class SoakCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "07", description = "The lesson: 07 (chat protocol).")
    String lesson;

    @Option(names = "--target", paramLabel = "ws://host:port/path", description = "A running chat server; default: the reference, started here.")
    String target;

    @Option(names = "--clients", defaultValue = "50", description = "How many clients (default: ${DEFAULT-VALUE}), each on a fault link of its own.")
    int clients;

    @Option(names = "--messages", defaultValue = "20000", description = "How many messages in all (default: ${DEFAULT-VALUE}).")
    int messages;

    @Option(names = "--rooms", description = "How many rooms (default: one per 5 clients).")
    Integer rooms;

    @Option(names = "--seed", description = "Seed for the toxics and the clients' choices, to replay a run.")
    Long seed;

    @Option(names = "--no-faults", description = "No toxic episodes: only the steady latency with jitter.")
    boolean noFaults;

    @Option(names = "--minutes", defaultValue = "10", description = "Give up after this long (default: ${DEFAULT-VALUE}).")
    int minutes;

    @Override
    public Integer call() throws Exception {
        if (!lesson.equals("07") && !lesson.equals("07-chat-protocol")) {
            throw usage("soak runs lesson 07 (chat protocol), not '" + lesson + "'");
        }
        if (clients < 1 || clients > 500) {
            throw usage("--clients must be between 1 and 500, not " + clients);
        }
        if (messages < clients) {
            throw usage("--messages must be at least --clients (" + clients + "), not " + messages);
        }
        if (rooms != null && (rooms < 1 || rooms > clients)) {
            throw usage("--rooms must be between 1 and --clients, not " + rooms);
        }
        if (minutes < 1) {
            throw usage("--minutes must be at least 1");
        }
        long s = seed != null ? seed : ThreadLocalRandom.current().nextLong(1, 1_000_000_000L);
        LabServer reference = null;
        URI url;
        if (target == null) {
            LabImplementation impl = LessonCatalog.load().implementation("07", "reference")
                    .orElseThrow(() -> new IllegalStateException("lesson 07's reference is not on the class path"));
            reference = impl.newServer(LabEnvironment.system(s));
            url = URI.create("ws://127.0.0.1:" + reference.start(0) + impl.path());
        } else {
            url = parse(target);
        }
        // Fresh room and client names: a server an earlier soak or grade used still holds theirs.
        ChatSoak.Settings settings = ChatSoak.Settings.of(clients, messages).withNames(ChatNames.fresh()).withFaults(!noFaults)
                .withDeadline(Duration.ofMinutes(minutes));
        if (rooms != null) {
            settings = settings.withRooms(rooms);
        }
        Main.OUT.println("Soaking " + url + (target == null ? " (the reference)" : "") + ": " + clients + " clients, "
                + messages + " messages, " + settings.rooms() + " rooms, seed " + s);
        long t0 = System.nanoTime();
        try {
            FaultNetwork faults = FaultNetwork.shared();
            String host = url.getHost();
            int port = url.getPort() > 0 ? url.getPort() : 80;
            ChatSoak.Result r = ChatSoak.run(LabEnvironment.system(s), name -> faults.link(name, host, port), url, settings, s,
                    Main.OUT::println);
            r.problems().forEach(p -> Main.OUT.println("  " + p));
            Main.OUT.printf("max ack latency %.1f ms; %d reconnects; wall time %.1f s%n",
                    r.maxAckMicros() / 1000.0, r.reconnects(), (System.nanoTime() - t0) / 1e9);
            Main.OUT.println(r.summaryLine());
            return r.clean() ? 0 : 1;
        } finally {
            if (reference != null) {
                reference.close();
            }
        }
    }

    private URI parse(String text) {
        try {
            URI u = new URI(text);
            if (!"ws".equals(u.getScheme()) || u.getHost() == null) {
                throw usage("--target must look like ws://host:port/path, not '" + text + "'");
            }
            return u;
        } catch (URISyntaxException e) {
            throw usage("--target '" + text + "' is not a URL: " + e.getReason());
        }
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
