package wslab.lessons.chatclient;

import java.nio.file.Path;

import wslab.api.ChatContract;
import wslab.grader.Target;
import wslab.grader.targets.ClientCommandTargetKind;
import wslab.proof.LessonProof;
import wslab.proof.LessonProofTest;
import wslab.proof.Python;
import wslab.reference.chat.ChatClient;
import wslab.reference.chat.LineChatClient;

/** Lesson 07c's checks, proven both ways: the reference passes (in process and as a program), each seed bug is caught. */
class ChatClientProofTest extends LessonProofTest {

    /** The reference client as a program, the way a client in any language is graded. */
    static Target program() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return ClientCommandTargetKind.of(java + " -cp " + System.getProperty("java.class.path") + " "
                + LineChatClient.class.getName() + " " + ClientCommandTargetKind.URL_PLACEHOLDER + " "
                + ClientCommandTargetKind.SEED_PLACEHOLDER);
    }

    @Override
    protected LessonProof proof() {
        return LessonProof.of("07c").seed(77).mutantsOnSeeds(3)
                .reference()
                .passes("the reference as a --client-cmd program", program(), "07c")
                .starterFails("07c.2", "07c.3", "07c.4", "07c.5", "07c.6")
                // Never forgets an acknowledged message: after a reconnect it is sent again.
                .mutantClient("RESENDS_ACKED", env -> new ChatClient(env) {
                    @Override
                    protected void acknowledged(String id) {
                    }
                }, "07c.1")
                // The seed's pending queue is forgotten with the connection.
                .mutantClient("NO_RESEND_AFTER_RECONNECT", env -> new ChatClient(env) {
                    @Override
                    protected void resendPending() {
                    }
                }, "07c.2")
                // The seed's messageId counter: a resend gets a fresh id, so the server cannot tell it from a new message.
                .mutantClient("NEW_ID_ON_RESEND", env -> new ChatClient(env) {
                    private long fresh;

                    @Override
                    protected String resendId(String id) {
                        return clientId() + "-again-" + (++fresh);
                    }
                }, "07c.2")
                // The seed's resend timer compares Date.now() with a timestamp nothing ever set: nothing is resent.
                .mutantClient("TIMESTAMP_NEVER_SET", env -> new ChatClient(env) {
                    @Override
                    protected void stamp(Pending p) {
                    }
                }, "07c.3")
                .mutantClient("REJOINS_WITHOUT_SINCE", env -> new ChatClient(env) {
                    @Override
                    protected void join(String name) {
                        sendText(ChatContract.join(name, clientId()));
                    }
                }, "07c.4")
                // The seed's receiver: `else if (message.sequenceId === sequenceId)`, anything else dropped.
                .mutantClient("GAPS_DROPPED", env -> new ChatClient(env) {
                    @Override
                    protected boolean buffersEarlyArrivals() {
                        return false;
                    }
                }, "07c.5")
                .mutantClient("CANNOT_RECOVER_IGNORED", env -> new ChatClient(env) {
                    @Override
                    protected void cannotRecover(String name, long oldest, long latest) {
                    }
                }, "07c.6")
                // Any language, for real: a Python client written from the README alone.
                .onlyWhen(Python::unavailableReason)
                .passesEverything("examples/python/client07c.py", ClientCommandTargetKind.of(Python.example("client07c.py")
                        + " " + ClientCommandTargetKind.URL_PLACEHOLDER + " " + ClientCommandTargetKind.SEED_PLACEHOLDER));
    }

}
