package wslab.reference.security;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Which sessions read which room: every member of a room receives its posts, readers and writers alike. */
final class ChatRooms {

    private final Map<String, Set<SecureChatSession>> members = new ConcurrentHashMap<>();

    void join(SecureChatSession session, Set<String> rooms) {
        rooms.forEach(room -> members.computeIfAbsent(room, r -> ConcurrentHashMap.newKeySet()).add(session));
    }

    void leaveAll(SecureChatSession session) {
        members.values().forEach(sessions -> sessions.remove(session));
    }

    List<SecureChatSession> everyone() {
        return members.values().stream().flatMap(Set::stream).distinct().toList();
    }

    List<SecureChatSession> membersOf(String room) {
        return List.copyOf(members.getOrDefault(room, Set.of()));
    }
}
