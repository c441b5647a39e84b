package wslab.lessons.chat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import wslab.api.ChatContract;

/**
 * One room: its members and its history. Every method holds the room's lock, so seqs, the
 * history and each member's stream stay in step; never wait for anything while holding it.
 */
public final class Room {

    private final String name;
    private final History history;
    private final List<ChatConnection> members = new ArrayList<>();

    Room(String name, History history) {
        this.name = name;
        this.history = history;
    }

    /**
     * A join. Answers {@code joined} with the room's latest seq and adds the connection.
     *
     * <p>TODO(07.5, 07.6, 07.7): when {@code since} is given, replay every kept message after it,
     * right after {@code joined} and before any live message (you hold the lock: nothing can slip
     * in between). Trust the {@code since} the client sends, not what you think you sent it.
     * <p>TODO(07.8): when {@code since} is older than the oldest kept message, or newer than the
     * latest, answer {@code ChatContract.cannotRecover(...)} instead and do not join. Never skip silently.
     *
     * @return whether the connection joined
     */
    public synchronized boolean join(ChatConnection member, OptionalLong since) throws IOException {
        member.deliver(ChatContract.joined(name, history.latest()));
        members.add(member);
        return true;
    }

    /**
     * A send: stores the message, broadcasts it to every member (the sender too) and returns the
     * seq to acknowledge.
     *
     * <p>TODO(07.3, 07.4): a message this client already sent under this id is not stored or broadcast
     * again: return the seq it got the first time. Ask the history.
     */
    public synchronized long send(ChatConnection sender, String id, String text) throws IOException {
        History.Stored s = history.append(sender.client(), id, text);
        for (ChatConnection m : List.copyOf(members)) {
            m.deliver(ChatContract.message(name, s.seq(), s.client(), s.id(), s.text()));
        }
        return s.seq();
    }

    public synchronized void leave(ChatConnection member) {
        members.remove(member);
    }
}
