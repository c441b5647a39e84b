package wslab.lessons.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import wslab.api.ChatContract;

/**
 * A room's history in memory. The starter keeps every message for ever and never recognises a
 * resend.
 */
public final class MemoryHistory implements History {

    private final List<Stored> kept = new ArrayList<>();
    private long latest;

    public MemoryHistory(String room) {
    }

    @Override
    public Stored append(String client, String id, String text) {
        Stored s = new Stored(++latest, client, id, text);
        kept.add(s);
        // TODO(07.8): keep only the last ChatContract.HISTORY_PER_ROOM messages (a bounded queue).
        return s;
    }

    @Override
    public Optional<Stored> find(String client, String id) {
        // TODO(07.3, 07.4): look the pair (client, id) up: two clients may both use id "m-1".
        return Optional.empty();
    }

    @Override
    public long latest() {
        return latest;
    }

    @Override
    public long oldest() {
        return kept.isEmpty() ? latest + 1 : kept.get(0).seq();
    }

    @Override
    public List<Stored> after(long since) {
        return kept.stream().filter(s -> s.seq() > since).toList();
    }
}
