package wslab.lessons.chat;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/** Every room by name, each with a history made by {@code histories} (lesson 14 passes a durable one). */
public final class Rooms {

    private final Function<String, History> histories;
    private final Map<String, Room> rooms = new ConcurrentHashMap<>();

    public Rooms(Function<String, History> histories) {
        this.histories = histories;
    }

    public Room get(String name) {
        return rooms.computeIfAbsent(name, n -> new Room(n, histories.apply(n)));
    }
}
