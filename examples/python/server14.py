#!/usr/bin/env python3
"""wslab lesson 14: lesson 07's chat server with its log in SQLite (WAL, synchronous=FULL).

Usage: server14.py PORT DATA_DIR   (listens on ws://127.0.0.1:PORT/, any path)
An ack (and the broadcast) goes out only after the INSERT has committed: rule 9.
"""
import asyncio
import json
import os
import sqlite3
import sys

import chatcore


class SqliteHistory:
    def __init__(self, path, keep=chatcore.HISTORY_PER_ROOM):
        self.keep = keep
        self.db = sqlite3.connect(path, isolation_level=None)  # autocommit: each INSERT is its own transaction
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=FULL")
        self.db.execute(
            "CREATE TABLE IF NOT EXISTS messages (room TEXT NOT NULL, seq INTEGER NOT NULL, client TEXT NOT NULL,"
            " id TEXT NOT NULL, text TEXT NOT NULL, PRIMARY KEY (room, seq), UNIQUE (room, client, id))")
        self.latest_cache = {}

    def latest(self, room):
        v = self.latest_cache.get(room)
        if v is None:
            row = self.db.execute("SELECT MAX(seq) FROM messages WHERE room = ?", (room,)).fetchone()
            v = self.latest_cache[room] = row[0] or 0
        return v

    def oldest(self, room):
        return max(1, self.latest(room) - self.keep + 1)

    @staticmethod
    def _msg(room, seq, client, idtext, text):
        return {"type": "message", "room": room, "seq": seq, "client": client, "id": json.loads(idtext), "text": text}

    def find(self, room, client, mid):
        row = self.db.execute("SELECT seq, text FROM messages WHERE room = ? AND client = ? AND id = ?",
                              (room, client, chatcore.id_key(mid))).fetchone()
        return None if row is None else self._msg(room, row[0], client, chatcore.id_key(mid), row[1])

    def append(self, room, client, mid, text):
        seq = self.latest(room) + 1
        self.db.execute("INSERT INTO messages (room, seq, client, id, text) VALUES (?, ?, ?, ?, ?)",
                        (room, seq, client, chatcore.id_key(mid), text))  # committed (fsync) when this returns
        self.latest_cache[room] = seq
        return {"type": "message", "room": room, "seq": seq, "client": client, "id": mid, "text": text}

    def after(self, room, since):
        lo = max(since + 1, self.oldest(room))
        rows = self.db.execute("SELECT seq, client, id, text FROM messages WHERE room = ? AND seq >= ? ORDER BY seq",
                               (room, lo)).fetchall()
        return [self._msg(room, s, c, i, t) for (s, c, i, t) in rows]


if __name__ == "__main__":
    port = int(sys.argv[1])
    data = sys.argv[2] if len(sys.argv) > 2 else "."
    os.makedirs(data, exist_ok=True)
    asyncio.run(chatcore.run(SqliteHistory(os.path.join(data, "chat.db")), port))
