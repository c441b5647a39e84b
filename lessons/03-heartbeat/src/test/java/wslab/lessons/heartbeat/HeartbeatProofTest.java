package wslab.lessons.heartbeat;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;

import wslab.proof.LessonProof;
import wslab.proof.LessonReadme;
import wslab.proof.LessonProofTest;
import wslab.reference.frames.Frame;
import wslab.reference.heartbeat.HeartbeatPolicy;
import wslab.reference.heartbeat.HeartbeatServer;
import wslab.reference.heartbeat.HeartbeatSession;

/** Lesson 03's checks, proven both ways; every mutant runs on virtual time. */
class HeartbeatProofTest extends LessonProofTest {

    /** RFC 6455 §5.2: opcode %x1, a text frame. */
    private static final int TEXT_FRAME = 0x1;

    @Override
    protected LessonProof proof() {
        LessonProof proof = LessonProof.of("03").seed(3);
        return proof
                .reference()
                .starterFails("03.1", "03.2", "03.3", "03.5", "03.7")
                .mutantServer("NEVER_PINGS", env -> new HeartbeatServer(env) {
                    @Override
                    protected HeartbeatSession newSession(InputStream in, OutputStream out, HeartbeatPolicy p) {
                        return new HeartbeatSession(in, out, p, timers(), env) {
                            @Override
                            protected void sendPing() {
                            }
                        };
                    }
                }, "03.1", "03.2")
                .mutantServer("NEVER_TIMES_OUT", env -> new HeartbeatServer(env) {
                    @Override
                    protected HeartbeatSession newSession(InputStream in, OutputStream out, HeartbeatPolicy p) {
                        return new HeartbeatSession(in, out, p, timers(), env) {
                            @Override
                            protected void closeSilentPeer() {
                            }
                        };
                    }
                }, "03.3", "03.7")
                // A deadline shorter than a slow link's round trip drops live clients.
                .mutantServer("DEADLINE_SHORTER_THAN_A_SLOW_ROUND_TRIP",
                        env -> new HeartbeatServer(env, new HeartbeatPolicy(Duration.ofMillis(300), Duration.ofMillis(700))), "03.4")
                .mutantServer("NO_APP_HEARTBEAT", env -> new HeartbeatServer(env) {
                    @Override
                    protected HeartbeatSession newSession(InputStream in, OutputStream out, HeartbeatPolicy p) {
                        return new HeartbeatSession(in, out, p, timers(), env) {
                            @Override
                            protected void answerAppHeartbeat() {
                            }
                        };
                    }
                }, "03.5")
                // The heartbeat matched as a string: {"type": "heartbeat"} from Python's json.dumps is echoed, not answered.
                .mutantServer("HEARTBEAT_MATCHED_BYTE_FOR_BYTE", env -> new HeartbeatServer(env) {
                    @Override
                    protected HeartbeatSession newSession(InputStream in, OutputStream out, HeartbeatPolicy p) {
                        return new HeartbeatSession(in, out, p, timers(), env) {
                            @Override
                            protected boolean isAppHeartbeat(String text) {
                                return text.equals(wslab.api.HeartbeatContract.APP_HEARTBEAT);
                            }
                        };
                    }
                }, "03.5")
                // Closes a silent peer with 1000 where the contract says 1001: NON-STRICT, so caught under --strict.
                .mutant("CLOSES_WITH_1000", proof.server("mutant CLOSES_WITH_1000", env -> new HeartbeatServer(env) {
                    @Override
                    protected HeartbeatSession newSession(InputStream in, OutputStream out, HeartbeatPolicy p) {
                        return new HeartbeatSession(in, out, p, timers(), env) {
                            @Override
                            protected int silentPeerCloseCode() {
                                return 1000;
                            }
                        };
                    }
                }), true, "03.7")
                // Only pongs reset the deadline, so a browser's application heartbeat does not keep it alive.
                .mutantServer("ONLY_PONGS_COUNT", env -> new HeartbeatServer(env) {
                    @Override
                    protected HeartbeatSession newSession(InputStream in, OutputStream out, HeartbeatPolicy p) {
                        return new HeartbeatSession(in, out, p, timers(), env) {
                            @Override
                            protected boolean countsAsLife(Frame f) {
                                return f.opcode() == 0xA;
                            }
                        };
                    }
                }, "03.6")
                // The other way round: an ack that is the same JSON value, spaced, stamped with a time, passes.
                .variantServer("ACK_WITH_SPACES_AND_A_TIMESTAMP", env -> new HeartbeatServer(env) {
                    @Override
                    protected HeartbeatSession newSession(InputStream in, OutputStream out, HeartbeatPolicy p) {
                        return new HeartbeatSession(in, out, p, timers(), env) {
                            @Override
                            protected void answerAppHeartbeat() throws java.io.IOException {
                                writer().write(TEXT_FRAME, ("{ \"at\" : " + env.nanoTime() / 1_000_000 + ", \"type\" : \"heartbeat-ack\" }")
                                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
                            }
                        };
                    }
                })
                .also("the README states the contract's numbers", () -> {
                    String readme = java.nio.file.Files.readString(java.nio.file.Path.of("README.md"));
                    long interval = wslab.api.HeartbeatContract.PING_INTERVAL.toMillis();
                    long deadline = wslab.api.HeartbeatContract.DEADLINE.toMillis();
                    org.assertj.core.api.Assertions.assertThat(readme)
                            .contains("| every " + interval / 1000 + " s, each ping with its own payload |")
                            .contains("| " + deadline / 1000 + " s → close " + wslab.api.HeartbeatContract.CLOSE_SILENT_PEER)
                            .contains(interval + " ms (the interval)")
                            .contains(deadline + " ms (deadline)");
                })
                .also("the README's tolerance table names every check", () -> {
                    LessonReadme.of(proof.lesson()).requireEveryCheckIn("| Check | Fault and its parameters |");
                });
    }
}
