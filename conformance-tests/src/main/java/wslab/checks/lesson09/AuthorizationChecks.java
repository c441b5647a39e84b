package wslab.checks.lesson09;

import java.io.IOException;

import wslab.api.SecurityContract;
import wslab.grader.Check;
import wslab.grader.CheckContext;
import wslab.grader.LessonChecks;

/**
 * Lesson 09, authorization per message: the token's rooms claim says where each user may read
 * and write, and every post is checked against it, not only the first.
 *
 * <pre>
 *   alice: lobby writer, news reader      bob: lobby reader      carol: ops writer
 * </pre>
 */
@LessonChecks("09")
class AuthorizationChecks {

    static final String SPEC = "OWASP WebSocket cheat sheet: Message-Level Authorization; lesson 09 contract";

    @Check(id = "09.28", points = 2, spec = SPEC, title = "A writer's post reaches every member of its room, readers included, and no one else")
    void deliversToMembersOnly(CheckContext ctx) throws IOException {
        try (SecureClient alice = SecureClient.signedIn(ctx, "alice");
             SecureClient bob = SecureClient.signedIn(ctx, "bob");
             SecureClient carol = SecureClient.signedIn(ctx, "carol")) {
            String hello = Expected.message("lobby", "alice", "hello, lobby");
            alice.send(SecurityContract.post("lobby", "hello, lobby"));
            alice.expect(hello, "alice's own post, as every member of the lobby receives it");
            bob.expect(hello, "alice's post to the lobby, which bob reads");
            requireOwnPostFirst(ctx, carol, "ops", "alice's lobby post, a room carol is not in");
        }
    }

    @Check(id = "09.29", points = 2, spec = SPEC,
            title = "A post to a room the sender is not a member of gets {\"type\":\"error\",\"code\":\"forbidden\"} and reaches no one")
    void refusesANonMember(CheckContext ctx) throws IOException {
        try (SecureClient alice = SecureClient.signedIn(ctx, "alice");
             SecureClient carol = SecureClient.signedIn(ctx, "carol")) {
            alice.send(SecurityContract.post("ops", "alice writes where she is no member"));
            alice.expectError(SecurityContract.ERROR_FORBIDDEN, "alice's post to ops, a room she is not a member of");
            requireOwnPostFirst(ctx, carol, "ops", "alice's refused post to ops");
        }
    }

    @Check(id = "09.30", points = 2, spec = SPEC,
            title = "A reader's post gets {\"type\":\"error\",\"code\":\"forbidden\"} and reaches no one")
    void refusesAReader(CheckContext ctx) throws IOException {
        try (SecureClient alice = SecureClient.signedIn(ctx, "alice");
             SecureClient bob = SecureClient.signedIn(ctx, "bob")) {
            bob.send(SecurityContract.post("lobby", "bob only reads the lobby"));
            bob.expectError(SecurityContract.ERROR_FORBIDDEN, "bob's post to the lobby, where he is a reader");
            requireOwnPostFirst(ctx, alice, "lobby", "bob's refused post");
        }
    }

    @Check(id = "09.31", spec = SPEC, title = "Every post is authorized, not only the first: after an allowed post, a forbidden one is still refused")
    void authorizesEveryMessage(CheckContext ctx) throws IOException {
        try (SecureClient alice = SecureClient.signedIn(ctx, "alice")) {
            alice.send(SecurityContract.post("lobby", "allowed"));
            alice.expect(Expected.message("lobby", "alice", "allowed"), "alice's allowed post to the lobby");
            alice.send(SecurityContract.post("news", "alice only reads the news"));
            alice.expectError(SecurityContract.ERROR_FORBIDDEN, "alice's second post, to news, where she is a reader");
        }
    }

    /** {@code who} posts to {@code room} and must receive that post first: {@code what} did not reach it before. */
    static void requireOwnPostFirst(CheckContext ctx, SecureClient who, String room, String what) throws IOException {
        String text = who.name() + " posts to " + room;
        who.send(SecurityContract.post(room, text));
        SecureClient.Incoming in = who.next();
        ctx.require(in.kind() == SecureClient.Kind.TEXT && SecurityContract.matches(in.text(), Expected.message(room, who.name(), text)),
                who.name() + " receives its own later post first: " + what + " must not reach it", who.name() + " received " + in.describe());
    }
}
