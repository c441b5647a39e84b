package wslab.lessons.chat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import wslab.api.ChatContract;
import wslab.api.LabEnvironment;
import wslab.api.LabServer;
import wslab.api.Signal;
import wslab.reference.chat.ChatRooms;
import wslab.reference.chat.ChatServer;
import wslab.reference.chat.ChatSession;
import wslab.reference.chat.Member;
import wslab.reference.chat.MemoryLog;
import wslab.reference.chat.StoredMessage;
import wslab.reference.frames.EchoSession;

/** Lesson 07's reference, broken one rule at a time. Each is a mistake seen in real chat code. */
final class ChatMutants {

    private ChatMutants() {
    }

    /** A server with the reference's session but these rules. */
    static Function<LabEnvironment, LabServer> rooms(Function<LabEnvironment, ChatRooms> rooms) {
        return env -> ChatServer.with(rooms).apply(env);
    }

    /** A server with the reference's rules but this session. */
    interface Sessions {
        ChatSession make(InputStream in, OutputStream out, ChatRooms rooms, LabEnvironment env);
    }

    static Function<LabEnvironment, LabServer> sessions(Sessions sessions) {
        return sessions(env -> new ChatRooms(new MemoryLog()), sessions);
    }

    static Function<LabEnvironment, LabServer> sessions(Function<LabEnvironment, ChatRooms> rooms, Sessions sessions) {
        return env -> {
            ChatRooms r = rooms.apply(env);
            return new ChatServer(env, r) {
                @Override
                protected ChatSession newSession(InputStream in, OutputStream out) {
                    return sessions.make(in, out, r, env);
                }
            };
        };
    }

    /** Stores and broadcasts, never acknowledges: the sender cannot tell a stored message from a lost one. */
    static Function<LabEnvironment, LabServer> noAck() {
        return sessions((in, out, rooms, env) -> new ChatSession(in, out, rooms) {
            @Override
            protected void acknowledge(String room, String id, long seq) {
            }
        });
    }

    /** The seed's one counter for everything: seqs shared by every room, so each room's stream has gaps. */
    static Function<LabEnvironment, LabServer> oneSequenceForAllRooms() {
        return rooms(env -> new ChatRooms(new MemoryLog() {
            private long global;

            @Override
            protected synchronized long nextSeq(String room, long latest) {
                return ++global;
            }
        }));
    }

    /** The seed's resend without dedupe: a resent message is stored and broadcast again. */
    static Function<LabEnvironment, LabServer> resendStoredAgain() {
        return rooms(env -> new ChatRooms(new MemoryLog()) {
            @Override
            protected Optional<StoredMessage> previous(String room, String client, String id) {
                return Optional.empty();
            }
        });
    }

    /** Dedupe by id alone (the seed's list of seen message ids): a second client's "m-1" is taken for a resend. */
    static Function<LabEnvironment, LabServer> dedupeByIdAlone() {
        return rooms(env -> new ChatRooms(new MemoryLog()) {
            @Override
            protected Optional<StoredMessage> previous(String room, String client, String id) {
                return log().after(room, 0).stream().filter(m -> m.id().equals(id)).findFirst();
            }
        });
    }

    /** Seen ids remembered per connection: a resend on the new connection after a cut is stored twice. */
    static Function<LabEnvironment, LabServer> dedupePerConnection() {
        return sessions(env -> new ChatRooms(new MemoryLog()) {
            @Override
            protected Optional<StoredMessage> previous(String room, String client, String id) {
                return Optional.empty();
            }
        }, (in, out, rooms, env) -> new ChatSession(in, out, rooms) {
            private final Map<String, Long> seen = new HashMap<>();

            @Override
            protected void take(String room, String id, String text) throws IOException {
                Long seq = seen.get(room + "/" + id);
                if (seq == null) {
                    seq = rooms().send(room, this, id, text);
                    seen.put(room + "/" + id, seq);
                }
                acknowledge(room, id, seq);
            }
        });
    }

    /** since is accepted and ignored: a rejoin gets live messages only. */
    static Function<LabEnvironment, LabServer> noReplay() {
        return rooms(env -> new ChatRooms(new MemoryLog()) {
            @Override
            protected long replayAfter(String room, Member member, long since) {
                return Long.MAX_VALUE;
            }
        });
    }

    /** Replays from since itself: the message the client already has comes twice. */
    static Function<LabEnvironment, LabServer> replayFromSinceInclusive() {
        return rooms(env -> new ChatRooms(new MemoryLog()) {
            @Override
            protected long replayAfter(String room, Member member, long since) {
                return since - 1;
            }
        });
    }

    /** Members keyed by client id: a join while the old connection is still registered is taken for a repeat and ignored. */
    static Function<LabEnvironment, LabServer> joinIgnoredWhileTheOldConnectionLives() {
        return rooms(env -> new ChatRooms(new MemoryLog()) {
            @Override
            protected boolean admit(String room, Member member) {
                if (members(room).stream().anyMatch(m -> m.client().equals(member.client()))) {
                    return false;
                }
                return super.admit(room, member);
            }
        });
    }

    /** The server trusts its own record of what it sent a client, not the client's since: what was cut in flight is lost. */
    static Function<LabEnvironment, LabServer> cursorKeptOnTheServer() {
        return rooms(env -> new ChatRooms(new MemoryLog()) {
            private final Map<String, Long> sent = new ConcurrentHashMap<>();

            @Override
            protected void deliver(Member member, StoredMessage m) {
                super.deliver(member, m);
                sent.merge(m.room() + "/" + member.client(), m.seq(), Math::max);
            }

            @Override
            protected long replayAfter(String room, Member member, long since) {
                return Math.max(since, sent.getOrDefault(room + "/" + member.client(), 0L));
            }
        });
    }

    /** Replays whatever is kept, from wherever it starts, without saying that the rest is gone. */
    static Function<LabEnvironment, LabServer> silentSkip() {
        return rooms(env -> new ChatRooms(new MemoryLog()) {
            @Override
            protected boolean recoverable(long since, long oldest, long latest) {
                return true;
            }
        });
    }

    /** Off by one at the edge of history: since = oldest - 2 is taken, and seq oldest - 1, gone, is skipped in silence. */
    static Function<LabEnvironment, LabServer> oneSeqPastTheOldest() {
        return rooms(env -> new ChatRooms(new MemoryLog()) {
            @Override
            protected boolean recoverable(long since, long oldest, long latest) {
                return since >= oldest - 2 && since <= latest;
            }
        });
    }

    /**
     * One queue for every room, drained by one worker that spends 1 ms on each message (a database
     * write, say) and acknowledges it: a flood in one room delays every other room.
     */
    static Function<LabEnvironment, LabServer> oneDispatcherForAllRooms() {
        return env -> {
            ChatRooms rooms = new ChatRooms(new MemoryLog());
            Dispatcher dispatcher = new Dispatcher(env, rooms);
            return new ChatServer(env, rooms) {
                @Override
                protected ChatSession newSession(InputStream in, OutputStream out) {
                    return new ChatSession(in, out, rooms) {
                        @Override
                        protected void take(String room, String id, String text) {
                            dispatcher.submit(() -> acknowledge(room, id, rooms.send(room, this, id, text)));
                        }
                    };
                }
            };
        };
    }

    private static final class Dispatcher {
        interface Job {
            void run() throws IOException;
        }

        private final LabEnvironment env;
        private final Signal queued;
        private final ArrayDeque<Job> jobs = new ArrayDeque<>();

        Dispatcher(LabEnvironment env, ChatRooms rooms) {
            this.env = env;
            this.queued = env.newSignal();
            env.startThread("one-dispatcher", this::drain);
        }

        void submit(Job job) {
            synchronized (jobs) {
                jobs.add(job);
            }
            queued.signalAll();
        }

        private void drain() {
            try {
                while (true) {
                    queued.await(() -> {
                        synchronized (jobs) {
                            return !jobs.isEmpty();
                        }
                    }, Duration.ofDays(1));
                    Job next;
                    synchronized (jobs) {
                        next = jobs.poll();
                    }
                    if (next == null) {
                        continue;
                    }
                    env.sleep(Duration.ofMillis(1));
                    try {
                        next.run();
                    } catch (IOException e) {
                        // The sender has gone; its ack with it.
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** No size limit: a message of any size is stored and broadcast. */
    static Function<LabEnvironment, LabServer> noSizeLimit() {
        return sessions((in, out, rooms, env) -> new ChatSession(in, out, rooms) {
            @Override
            protected int maxMessageBytes() {
                return EchoSession.MAX_MESSAGE_BYTES;
            }
        });
    }

    /** Checks the size after handling the message: the refused message has been stored and broadcast. */
    static Function<LabEnvironment, LabServer> broadcastsBeforeRefusing() {
        return sessions((in, out, rooms, env) -> new ChatSession(in, out, rooms) {
            @Override
            protected int maxMessageBytes() {
                return EchoSession.MAX_MESSAGE_BYTES;
            }

            @Override
            protected void onMessage(int opcode, byte[] message) throws IOException {
                super.onMessage(opcode, message);
                if (message.length > ChatContract.MAX_MESSAGE_BYTES) {
                    writer().close(ChatContract.CLOSE_TOO_BIG, "too big");
                    throw new IOException("refused a message that was too big, after taking it");
                }
            }
        });
    }

    /** Answers leave with left, and keeps delivering the room. */
    static Function<LabEnvironment, LabServer> leaveIgnored() {
        return sessions((in, out, rooms, env) -> new ChatSession(in, out, rooms) {
            @Override
            protected void leave(String room) throws IOException {
                deliver(ChatContract.left(room));
            }
        });
    }
}
