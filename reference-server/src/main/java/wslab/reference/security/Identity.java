package wslab.reference.security;

import java.time.Instant;
import java.util.Map;

/**
 * Who a verified token says the peer is: its user, each room it is a member of with its role
 * ({@code writer} or {@code reader}), and when the token stops being valid.
 */
public record Identity(String user, Map<String, String> rooms, Instant expiresAt) {

    public Identity {
        rooms = Map.copyOf(rooms);
    }

    public boolean isMember(String room) {
        return rooms.containsKey(room);
    }

    public boolean mayPost(String room) {
        return wslab.api.SecurityContract.ROLE_WRITER.equals(rooms.get(room));
    }
}
