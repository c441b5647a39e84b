package wslab.reference.chat;

import wslab.api.ChatContract;

/** A message the server has taken in: its room, the seq it was given, who sent it and with which id. */
public record StoredMessage(String room, long seq, String client, String id, String text) {

    /** How it goes out to the room's members. */
    public String toWire() {
        return ChatContract.message(room, seq, client, id, text);
    }
}
