package wslab.checks.lesson07;

import java.io.IOException;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import org.HdrHistogram.Histogram;
import wslab.api.ChatContract;
import wslab.api.ClientContract;
import wslab.api.LabEnvironment;
import wslab.api.Signal;
import wslab.faults.FaultLink;
import wslab.grader.RestartableServer;
import wslab.wire.AcceptKeys;
import wslab.wire.Frame;
import wslab.wire.HandshakeRequest;
import wslab.wire.HttpResponseHead;
import wslab.wire.Opcode;
import wslab.wire.RawConnection;
import wslab.wire.Transcript;

/**
 * Many clients, many messages, random toxics: the chat protocol's promise measured. Each client
 * has a fault link of its own, joins one room, sends its share of the messages with a few in
 * flight, and behaves as the lesson's client must: it resends what has no ack after every
 * reconnect, with the same ids; it rejoins with the last seq it has in order; it backs off with
 * lesson 04's schedule. While it runs, each link gets random episodes of {@code reset_peer},
 * {@code limit_data} and {@code slicer} over a steady latency with jitter. At the end every
 * client must hold every seq of its room exactly once, and every message must have its ack.
 *
 * <p>{@code ./wslab soak 07} runs it long; check 07.12 runs a short one.
 */
public final class ChatSoak {

    /** How long a connection with messages in flight may stay silent before the client calls it dead. */
    static final Duration SILENT_LINK = Duration.ofMillis(1500);

    /** A soak's size. {@code messages} is the total over all clients. */
    public record Settings(int clients, int messages, int rooms, int window, boolean faults, Duration deadline, int kills,
                           Duration pace, ChatNames names) {
        public static Settings of(int clients, int messages) {
            return new Settings(clients, messages, Math.max(1, clients / 5), 4, true, Duration.ofMinutes(10), 0, Duration.ZERO,
                    ChatNames.AS_WRITTEN);
        }

        /** Each client leaves at least {@code gap} between two new messages, so the traffic lasts (for kills to land in it). */
        public Settings withPace(Duration gap) {
            return new Settings(clients, messages, rooms, window, faults, deadline, kills, gap, names);
        }

        public Settings withRooms(int rooms) {
            return new Settings(clients, messages, rooms, window, faults, deadline, kills, pace, names);
        }

        public Settings withDeadline(Duration d) {
            return new Settings(clients, messages, rooms, window, faults, d, kills, pace, names);
        }

        public Settings withFaults(boolean on) {
            return new Settings(clients, messages, rooms, window, on, deadline, kills, pace, names);
        }

        /** Kills the server (SIGKILL) this many times at random moments while messages flow, restarting it each time. */
        public Settings withKills(int n) {
            return new Settings(clients, messages, rooms, window, faults, deadline, n, pace, names);
        }

        /**
         * The rooms and client ids as the server sees them: with a fresh suffix, a soak of a server
         * that an earlier soak or grade has used meets none of their rooms (see {@link ChatNames}).
         */
        public Settings withNames(ChatNames n) {
            return new Settings(clients, messages, rooms, window, faults, deadline, kills, pace, n);
        }
    }

    /** Where each client's link comes from: a check's rig, or the JVM's fault network. */
    @FunctionalInterface
    public interface Links {
        FaultLink link(String name) throws IOException;
    }

    /** What a soak found. Latencies are from a message's first send to its ack, in microseconds. */
    public record Result(long lost, long duplicated, long reordered, long cannotRecover, long sent, long acked,
                         long reconnects, long p99AckMicros, long maxAckMicros, List<String> problems, int kills,
                         int killsMidTraffic) {

        public boolean clean() {
            return lost == 0 && duplicated == 0 && reordered == 0 && cannotRecover == 0;
        }

        /** The line {@code ./wslab soak} ends with. */
        public String summaryLine() {
            return String.format(java.util.Locale.ROOT, "lost %d, duplicated %d, reordered %d, p99 ack latency %.1f ms",
                    lost, duplicated, reordered, p99AckMicros / 1000.0);
        }
    }

    private final LabEnvironment env;
    private final Links links;
    private final URI target;
    private final Settings settings;
    private final Random random;
    private final Consumer<String> log;
    private final Signal progress;
    private final RestartableServer server;
    private volatile int killsDone;
    private volatile int killsMidTraffic;
    private final List<Client> clients = new ArrayList<>();
    private final Histogram ackLatency = new Histogram(3_600_000_000L, 3);
    private volatile boolean sendingDone;
    private volatile boolean stop;

    private ChatSoak(LabEnvironment env, Links links, URI target, Settings settings, long seed, Consumer<String> log,
                     RestartableServer server) {
        this.server = server;
        this.env = env;
        this.links = links;
        this.target = target;
        this.settings = settings;
        this.random = new Random(seed);
        this.log = log;
        this.progress = env.newSignal();
    }

    /** Runs a soak against the chat server at {@code target}, each client through a link from {@code links}. */
    public static Result run(LabEnvironment env, Links links, URI target, Settings settings, long seed, Consumer<String> log)
            throws IOException, InterruptedException {
        return new ChatSoak(env, links, target, settings, seed, log, null).run();
    }

    /** As {@link #run}, killing and restarting {@code server} {@code settings.kills()} times while the messages flow. */
    public static Result runWithKills(LabEnvironment env, Links links, URI target, Settings settings, long seed,
                                      Consumer<String> log, RestartableServer server) throws IOException, InterruptedException {
        return new ChatSoak(env, links, target, settings, seed, log, server).run();
    }

    private Result run() throws IOException, InterruptedException {
        long start = env.nanoTime();
        long deadline = start + settings.deadline().toNanos();
        List<FaultLink> opened = new ArrayList<>();
        try {
            for (int i = 0; i < settings.clients(); i++) {
                FaultLink link = links.link("soak-" + i);
                opened.add(link);
                // A steady latency with jitter on every link, so the traffic takes time and faults land inside it.
                link.toxics().latency("steady_down", ToxicDirection.DOWNSTREAM, 5).setJitter(5);
                link.toxics().latency("steady_up", ToxicDirection.UPSTREAM, 5).setJitter(5);
                int share = settings.messages() / settings.clients() + (i < settings.messages() % settings.clients() ? 1 : 0);
                clients.add(new Client(i, settings.names().room("room-" + (i % settings.rooms())), share, link, random.nextLong()));
            }
            if (server != null && settings.kills() > 0) {
                env.startThread("wslab-soak-killer", this::killer);
            }
            for (Client c : clients) {
                env.startThread("wslab-soak-" + c.index, c::run);
                if (settings.faults()) {
                    env.startThread("wslab-soak-faults-" + c.index, () -> faults(c));
                }
            }
            boolean allAcked = progress.await(() -> (clients.stream().allMatch(Client::allAcked)
                            && (server == null || killsDone >= settings.kills())) || stop,
                    Duration.ofNanos(Math.max(0, deadline - env.nanoTime())));
            sendingDone = true;
            Map<String, Long> finals = new HashMap<>();
            for (Client c : clients) {
                finals.merge(c.room, c.highestAck(), Math::max);
            }
            for (Client c : clients) {
                c.finalSeq = finals.get(c.room);
            }
            progress.signalAll();
            // With the faults gone, every client catches up with its room.
            progress.await(() -> clients.stream().allMatch(Client::caughtUp),
                    Duration.ofNanos(Math.max(0, Math.max(deadline - env.nanoTime(), Duration.ofSeconds(3).toNanos()))));
            stop = true;
            progress.signalAll();
            if (!allAcked) {
                log.accept("not every message was acknowledged before the deadline");
            }
            return judge(finals, (env.nanoTime() - start) / 1_000_000);
        } finally {
            stop = true;
            for (Client c : clients) {
                c.drop();
            }
            opened.forEach(FaultLink::close);
        }
    }

    /** Kills the server at random moments, each time starting it again after a short outage. */
    private void killer() {
        Random r = new Random(random.nextLong());
        try {
            long before = 0;
            for (int k = 1; k <= settings.kills() && !stop; k++) {
                // Each kill lands in traffic: after a few more acks, at a random moment.
                long grown = before + 1 + r.nextInt(3 * settings.window());
                progress.await(() -> stop || ackedTotal() >= Math.min(grown, settings.messages() - 1), settings.deadline());
                env.sleep(Duration.ofMillis(r.nextInt(40)));
                long acked = ackedTotal();
                before = acked;
                if (acked > 0 && acked < settings.messages()) {
                    killsMidTraffic++;
                }
                server.kill();
                log.accept("kill " + k + " of " + settings.kills() + ", with " + acked + " of " + settings.messages()
                        + " messages acknowledged");
                env.sleep(Duration.ofMillis(r.nextInt(200)));
                server.start();
                killsDone = k;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            log.accept("the server did not start again: " + e.getMessage());
            stop = true;
            progress.signalAll();
        }
    }

    private long ackedTotal() {
        return clients.stream().mapToLong(Client::ackedCount).sum();
    }

    /** Random episodes on one client's link until the sending is over; then a clean link. */
    private void faults(Client c) {
        Random r = new Random(c.seed ^ 0x5eed);
        try {
            boolean first = true;
            while (!sendingDone && !stop) {
                // The first episode comes early, so even a short run meets its faults.
                env.sleep(Duration.ofMillis(first ? 20 + r.nextInt(100) : 150 + r.nextInt(350)));
                first = false;
                if (sendingDone || stop) {
                    break;
                }
                switch (r.nextInt(3)) {
                    case 0 -> episode(c, "reset_peer mid-burst", () -> c.link.toxics().resetPeer("cut", ToxicDirection.DOWNSTREAM, 0),
                            "cut", 20);
                    case 1 -> episode(c, "limit_data", () -> c.link.toxics().limitData("limit", ToxicDirection.DOWNSTREAM,
                            3_000 + r.nextInt(30_000)), "limit", 200 + r.nextInt(200));
                    default -> episode(c, "slicer", () -> c.link.toxics().slicer("slices", ToxicDirection.DOWNSTREAM, 64, 300)
                            .setSizeVariation(32), "slices", 200 + r.nextInt(200));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            if (!stop && !sendingDone) {
                log.accept("the fault schedule of client " + c.index + " stopped: " + e.getMessage());
            }
        }
    }

    private interface ToxicStart {
        void start() throws IOException;
    }

    private void episode(Client c, String what, ToxicStart start, String name, long millis) throws IOException, InterruptedException {
        start.start();
        c.episodes++;
        env.sleep(Duration.ofMillis(millis));
        c.link.toxics().get(name).remove();
    }

    /** One simulated chat user: its own thread, its own link, the lesson's client rules. */
    private final class Client {
        final int index;
        final String room;
        final String clientId;
        final FaultLink link;
        final long seed;
        final Random rnd;
        final List<String> mine = new ArrayList<>();
        int nextToSend;
        /** Sent and not acknowledged, in send order, with the time of the first send. */
        final LinkedHashMap<String, Long> pending = new LinkedHashMap<>();
        final Map<String, Long> ackedSeq = new HashMap<>();
        volatile long highestAck;
        /** Every delivery, in arrival order, across connections. */
        final List<long[]> deliveries = new ArrayList<>();
        final Map<Long, String> idAt = new HashMap<>();
        final TreeMap<Long, String> early = new TreeMap<>();
        volatile long contiguous;
        long announcedGapFrom = -1;
        long announcedGapTo = -1;
        volatile long finalSeq = -1;
        long reconnects;
        long cannotRecover;
        long episodes;
        long conflicts;
        final List<String> problems = new ArrayList<>();
        volatile RawConnection conn;
        final Signal wake = env.newSignal();
        final Object writing = new Object();
        /** Which connection this client is on, counted from 1. */
        int connection;

        Client(int index, String room, int share, FaultLink link, long seed) {
            this.index = index;
            this.room = room;
            this.clientId = settings.names().client("soak-client-" + index);
            this.link = link;
            this.seed = seed;
            this.rnd = new Random(seed);
            for (int k = 1; k <= share; k++) {
                mine.add("c" + index + "-m" + k);
            }
        }

        synchronized long ackedCount() {
            return ackedSeq.size();
        }

        synchronized boolean allAcked() {
            return nextToSend == mine.size() && pending.isEmpty();
        }

        long highestAck() {
            return highestAck;
        }

        boolean caughtUp() {
            return finalSeq >= 0 && contiguous >= finalSeq;
        }

        void run() {
            int failures = 0;
            boolean firstJoin = true;
            while (!stop) {
                try {
                    connect(firstJoin);
                    firstJoin = false;
                    failures = 0;
                    converse();
                } catch (IOException e) {
                    failures++;
                } catch (InterruptedException e) {
                    return;
                } finally {
                    drop();
                }
                if (stop) {
                    return;
                }
                reconnects++;
                try {
                    // Lesson 04's schedule, capped low: the judge should not sleep through the end of an outage.
                    long ceiling = ClientContract.backoffCeiling(Math.max(1, Math.min(failures, 3))).toMillis();
                    env.sleep(Duration.ofMillis((long) (rnd.nextDouble() * ceiling)));
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        private void connect(boolean firstJoin) throws IOException {
            Transcript quiet = new Transcript(env::nanoTime);
            conn = RawConnection.open(env, link.host(), link.port(), 5000, quiet, rnd);
            synchronized (this) {
                connection++;
            }
            String key = AcceptKeys.newKey(rnd);
            conn.send(HandshakeRequest.valid(target, key));
            Optional<HttpResponseHead> head = conn.readResponse();
            if (head.isEmpty() || head.get().status() != 101) {
                throw new IOException("no 101");
            }
            // The first join asks for the whole room, so this client can account for every seq.
            text(ChatContract.join(room, clientId, firstJoin ? 0 : contiguous));
            List<String> again;
            synchronized (this) {
                again = List.copyOf(pending.keySet());
            }
            // Same ids, same order: the server's dedupe makes a resend of a stored message harmless.
            for (String id : again) {
                text(ChatContract.send(room, id, "text of " + id));
            }
        }

        /**
         * Sends from this thread and reads on a thread of its own: a read never times out in the
         * middle of a frame (a sliced frame can pause there), which would lose its first bytes.
         */
        private void converse() throws IOException, InterruptedException {
            RawConnection c = conn;
            c.timeout(0);
            Reading reading = new Reading();
            env.startThread("wslab-soak-reader-" + index, () -> read(c, reading));
            long tick = settings.pace().isZero() ? 50 : Math.max(1, settings.pace().toMillis());
            while (!stop && !reading.ended) {
                fill();
                boolean waiting;
                synchronized (this) {
                    waiting = !pending.isEmpty();
                }
                if (waiting && env.nanoTime() - reading.lastHeard > SILENT_LINK.toNanos()) {
                    throw new IOException("silent link");
                }
                wake.await(() -> stop || reading.ended || canFill(), Duration.ofMillis(tick));
            }
            if (reading.ended) {
                throw new IOException(reading.how);
            }
        }

        /** One connection's reader: its end and when it last heard anything. */
        private final class Reading {
            volatile boolean ended;
            volatile String how = "";
            volatile long lastHeard = env.nanoTime();
        }

        private void read(RawConnection c, Reading reading) {
            try {
                while (!stop) {
                    Optional<Frame> f = c.readFrame();
                    if (f.isEmpty()) {
                        reading.how = "closed";
                        return;
                    }
                    reading.lastHeard = env.nanoTime();
                    Frame frame = f.get();
                    if (frame.opcode() == Opcode.PING) {
                        write(c, Frame.of(Opcode.PONG, frame.payload()));
                    } else if (frame.opcode() == Opcode.CLOSE) {
                        reading.how = "close " + frame.closeCode();
                        return;
                    } else if (frame.opcode() == Opcode.TEXT) {
                        handle(frame.payloadText());
                    }
                    wake.signalAll();
                }
            } catch (IOException e) {
                reading.how = e.getMessage() == null ? e.toString() : e.getMessage();
            } finally {
                reading.ended = true;
                wake.signalAll();
            }
        }

        private synchronized boolean canFill() {
            return !sendingDone && pending.size() < settings.window() && nextToSend < mine.size()
                    && env.nanoTime() - lastNewNanos >= settings.pace().toNanos();
        }

        private long lastNewNanos = Long.MIN_VALUE / 2;


        private void fill() throws IOException {
            if (sendingDone) {
                return;
            }
            while (true) {
                String id;
                synchronized (this) {
                    if (pending.size() >= settings.window() || nextToSend >= mine.size()
                            || env.nanoTime() - lastNewNanos < settings.pace().toNanos()) {
                        return;
                    }
                    lastNewNanos = env.nanoTime();
                    id = mine.get(nextToSend++);
                    pending.put(id, env.nanoTime());
                }
                text(ChatContract.send(room, id, "text of " + id));
            }
        }

        private void handle(String text) throws IOException {
            Optional<JsonNode> parsed = ChatContract.parse(text);
            if (parsed.isEmpty()) {
                return;
            }
            JsonNode m = parsed.get();
            switch (m.path("type").asText()) {
                case "ack" -> acked(m.path("id").asText(), m.path("seq").asLong());
                case "message" -> delivered(m.path("seq").asLong(), m.path("client").asText() + "/" + m.path("id").asText());
                case "cannot-recover" -> {
                    cannotRecover++;
                    long oldest = m.path("oldest").asLong();
                    synchronized (this) {
                        announcedGapFrom = contiguous + 1;
                        announcedGapTo = oldest - 1;
                        problems.add("cannot-recover after seq " + contiguous + " (oldest kept " + oldest + ")");
                    }
                    // What is gone is gone, said out loud; take what the room still keeps.
                    text(ChatContract.join(room, clientId, Math.max(0, oldest - 1)));
                }
                default -> { }
            }
        }

        private void acked(String id, long seq) {
            boolean done;
            synchronized (this) {
                Long firstSent = pending.remove(id);
                Long before = ackedSeq.putIfAbsent(id, seq);
                if (before != null && before != seq) {
                    problems.add("message " + id + " acknowledged with seq " + before + " and later with seq " + seq);
                    conflicts++;
                }
                if (firstSent != null) {
                    synchronized (ackLatency) {
                        ackLatency.recordValue(Math.max(0, (env.nanoTime() - firstSent) / 1000));
                    }
                }
                highestAck = Math.max(highestAck, seq);
                done = nextToSend == mine.size() && pending.isEmpty();
            }
            if (done || server != null) {
                progress.signalAll();
            }
        }

        private void delivered(long seq, String who) {
            boolean reached;
            synchronized (this) {
                deliveries.add(new long[] {seq, connection});
                String before = idAt.putIfAbsent(seq, who);
                if (before != null && !before.equals(who)) {
                    problems.add("seq " + seq + " was " + before + " and then " + who);
                    conflicts++;
                }
                if (seq > contiguous) {
                    early.put(seq, who);
                    while (early.containsKey(contiguous + 1)) {
                        early.remove(contiguous + 1);
                        contiguous++;
                    }
                }
                reached = caughtUp();
            }
            if (reached) {
                progress.signalAll();
            }
        }

        private void text(String json) throws IOException {
            write(conn, Frame.of(Opcode.TEXT, json.getBytes(StandardCharsets.UTF_8)));
        }

        /** The sender and the reader (pongs, rejoins) must not interleave frames. */
        private void write(RawConnection c, Frame f) throws IOException {
            synchronized (writing) {
                c.send(f);
            }
        }

        void drop() {
            RawConnection c = conn;
            if (c != null) {
                c.close();
            }
        }
    }

    /** "#1: 1-29, #2: 180-200, 30-199": each connection's runs of consecutive seqs, as evidence. */
    private static String segments(List<long[]> deliveries) {
        StringBuilder sb = new StringBuilder();
        long conn = -1;
        long from = -1;
        long last = -1;
        for (long[] d : deliveries) {
            boolean run = d[1] == conn && d[0] == last + 1;
            if (!run) {
                if (from >= 0) {
                    sb.append(from == last ? "" + from : from + "-" + last);
                }
                if (d[1] != conn) {
                    sb.append(sb.length() == 0 ? "" : "; ").append('#').append(d[1]).append(": ");
                } else {
                    sb.append(", ");
                }
                from = d[0];
                conn = d[1];
            }
            last = d[0];
        }
        if (from >= 0) {
            sb.append(from == last ? "" + from : from + "-" + last);
        }
        return sb.length() > 400 ? sb.substring(0, 400) + "…" : sb.toString();
    }

    private Result judge(Map<String, Long> finals, long millis) {
        long lost = 0;
        long duplicated = 0;
        long reordered = 0;
        long cannot = 0;
        long sent = 0;
        long acked = 0;
        long reconnects = 0;
        long episodes = 0;
        List<String> problems = new ArrayList<>();
        Map<String, Map<Long, String>> roomSeqs = new HashMap<>();
        for (Client c : clients) {
            synchronized (c) {
                sent += c.nextToSend;
                acked += c.ackedSeq.size();
                reconnects += c.reconnects;
                episodes += c.episodes;
                cannot += c.cannotRecover;
                duplicated += c.conflicts;
                long unacked = c.mine.size() - c.ackedSeq.size();
                if (unacked > 0) {
                    lost += unacked;
                    problems.add(c.clientId + ": " + unacked + " of its messages never acknowledged");
                }
                long last = finals.get(c.room);
                Map<Long, Integer> count = new HashMap<>();
                long highest = 0;
                for (long[] d : c.deliveries) {
                    long seq = d[0];
                    int n = count.merge(seq, 1, Integer::sum);
                    if (n == 2) {
                        problems.add(c.clientId + ": seq " + seq + " of " + c.room + " delivered more than once");
                    }
                    if (n > 1) {
                        duplicated++;
                    } else if (seq < highest) {
                        reordered++;
                        problems.add(c.clientId + ": seq " + seq + " of " + c.room + " arrived after seq " + highest);
                    }
                    highest = Math.max(highest, seq);
                }
                for (long s = 1; s <= last; s++) {
                    boolean announced = s >= c.announcedGapFrom && s <= c.announcedGapTo;
                    if (!count.containsKey(s) && !announced) {
                        lost++;
                        if (problems.size() < 40) {
                            problems.add(c.clientId + ": seq " + s + " of " + c.room + " never arrived");
                        }
                    }
                }
                if (problems.size() > 0 && problems.get(problems.size() - 1).startsWith(c.clientId)) {
                    problems.add(c.clientId + " received, connection by connection: " + segments(c.deliveries));
                }
                roomSeqs.computeIfAbsent(c.room, r -> new HashMap<>());
                c.idAt.forEach((seq, who) -> roomSeqs.get(c.room).putIfAbsent(seq, who));
                problems.addAll(c.problems.stream().limit(5).toList());
            }
        }
        // An acknowledged message must be what its room holds at the seq its ack gave.
        for (Client c : clients) {
            synchronized (c) {
                Map<Long, String> seqs = roomSeqs.getOrDefault(c.room, Map.of());
                for (var e : c.ackedSeq.entrySet()) {
                    String there = seqs.get(e.getValue());
                    String me = c.clientId + "/" + e.getKey();
                    if (there != null && !there.equals(me)) {
                        lost++;
                        if (problems.size() < 40) {
                            problems.add(me + " was acknowledged with seq " + e.getValue() + ", which the room holds for " + there);
                        }
                    }
                }
            }
        }
        // A message stored twice shows up under two seqs.
        for (var room : roomSeqs.entrySet()) {
            Map<String, List<Long>> seqsOf = new HashMap<>();
            room.getValue().forEach((seq, who) -> seqsOf.computeIfAbsent(who, w -> new ArrayList<>()).add(seq));
            for (var e : seqsOf.entrySet()) {
                if (e.getValue().size() > 1) {
                    duplicated += e.getValue().size() - 1;
                    problems.add(room.getKey() + ": " + e.getKey() + " stored under seqs " + e.getValue());
                }
            }
            // One client's messages keep the order it sent them in.
            Map<String, Long> lastIndex = new HashMap<>();
            for (var e : new TreeMap<>(room.getValue()).entrySet()) {
                String who = e.getValue();
                int slash = who.indexOf('/');
                String[] parts = who.substring(slash + 1).split("-m");
                if (parts.length != 2) {
                    continue;
                }
                long k = Long.parseLong(parts[1]);
                Long before = lastIndex.put(who.substring(0, slash), k);
                if (before != null && k < before) {
                    reordered++;
                    problems.add(room.getKey() + ": " + who + " got seq " + e.getKey() + ", after the sender's later message #" + before);
                }
            }
        }
        long p99;
        long max;
        synchronized (ackLatency) {
            p99 = ackLatency.getTotalCount() == 0 ? 0 : ackLatency.getValueAtPercentile(99.0);
            max = ackLatency.getTotalCount() == 0 ? 0 : ackLatency.getMaxValue();
        }
        log.accept(String.format(java.util.Locale.ROOT,
                "%d clients in %d rooms, %d messages sent, %d acknowledged, %d reconnects, %d fault episodes, %d kills, %d cannot-recover, in %d ms",
                clients.size(), settings.rooms(), sent, acked, reconnects, episodes, killsDone, cannot, millis));
        return new Result(lost, duplicated, reordered, cannot, sent, acked, reconnects, p99, max,
                problems.stream().limit(40).toList(), killsDone, killsMidTraffic);
    }

}
