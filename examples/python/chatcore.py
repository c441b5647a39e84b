"""Chat protocol (wslab lesson 07) core, shared by server07.py and server14.py.

Written from lessons/07-chat-protocol/README.md only.

Design: one asyncio event loop (so every room operation between awaits is atomic, which plays
the role of "one lock per room"), one outbound queue + writer task per connection (a slow or
dead member never blocks a room), the history behind a small interface (memory or SQLite).
"""
import asyncio
import collections
import json
import logging
import sys

import websockets
import websockets.exceptions

MAX_MESSAGE_BYTES = 4096
HISTORY_PER_ROOM = 1000

log = logging.getLogger("chat")


def id_key(i):
    """A canonical, hashable form of a client's message id (any JSON value)."""
    return json.dumps(i, sort_keys=True, separators=(",", ":"))


class MemoryHistory:
    """Per room: the last HISTORY_PER_ROOM messages, a (client, id) -> message table, the latest seq."""

    def __init__(self, keep=HISTORY_PER_ROOM):
        self.keep = keep
        self.rooms = {}

    def _room(self, room):
        r = self.rooms.get(room)
        if r is None:
            r = self.rooms[room] = {"latest": 0, "kept": collections.deque(), "ids": {}}
        return r

    def latest(self, room):
        return self._room(room)["latest"]

    def oldest(self, room):
        r = self._room(room)
        return r["kept"][0]["seq"] if r["kept"] else r["latest"] + 1

    def find(self, room, client, mid):
        return self._room(room)["ids"].get((client, id_key(mid)))

    def append(self, room, client, mid, text):
        r = self._room(room)
        seq = r["latest"] + 1
        m = {"type": "message", "room": room, "seq": seq, "client": client, "id": mid, "text": text}
        r["kept"].append(m)
        r["ids"][(client, id_key(mid))] = m  # dedupe outlives the replay window (safer)
        r["latest"] = seq
        while len(r["kept"]) > self.keep:
            r["kept"].popleft()
        return m

    def after(self, room, since):
        return [m for m in self._room(room)["kept"] if m["seq"] > since]


class Connection:
    def __init__(self, ws):
        self.ws = ws
        self.client = None
        self.rooms = set()
        self.out = asyncio.Queue()
        self.open = True

    def put(self, obj):
        if self.open:
            self.out.put_nowait(json.dumps(obj, separators=(",", ":")))

    async def writer(self):
        try:
            while True:
                s = await self.out.get()
                await self.ws.send(s)
        except (websockets.exceptions.ConnectionClosed, asyncio.CancelledError):
            pass
        except Exception:  # pragma: no cover
            log.exception("writer")


class ChatServer:
    def __init__(self, history):
        self.history = history
        self.members = collections.defaultdict(set)  # room -> set of Connection

    # ---- requests -------------------------------------------------------------------------
    def handle(self, conn, raw):
        if isinstance(raw, bytes):
            return conn.put({"type": "error", "reason": "text frames only"})
        try:
            msg = json.loads(raw)
        except ValueError:
            return conn.put({"type": "error", "reason": "bad JSON"})
        if not isinstance(msg, dict):
            return conn.put({"type": "error", "reason": "not a JSON object"})
        t = msg.get("type")
        if t == "join":
            self.join(conn, msg)
        elif t == "send":
            self.send(conn, msg)
        elif t == "leave":
            self.leave(conn, msg)
        else:
            conn.put({"type": "error", "reason": "unknown type %r" % (t,)})

    def join(self, conn, msg):
        room, client, since = msg.get("room"), msg.get("client"), msg.get("since")
        if not isinstance(room, str) or not isinstance(client, str):
            return conn.put({"type": "error", "reason": "join needs room and client (strings)"})
        if conn.client is None:
            conn.client = client
        elif conn.client != client:
            return conn.put({"type": "error", "reason": "this connection is client %s" % conn.client})
        if since is not None and (isinstance(since, bool) or not isinstance(since, int) or since < 0):
            return conn.put({"type": "error", "reason": "since must be an integer >= 0"})
        latest = self.history.latest(room)
        if since is not None:
            oldest = self.history.oldest(room)
            if not (oldest - 1 <= since <= latest):
                return conn.put({"type": "cannot-recover", "room": room, "since": since,
                                 "oldest": oldest, "latest": latest})
        # No await between here and the end: nothing can be stored in between.
        self.members[room].add(conn)
        conn.rooms.add(room)
        conn.put({"type": "joined", "room": room, "latest": latest})
        if since is not None:
            for m in self.history.after(room, since):
                conn.put(m)

    def send(self, conn, msg):
        room, mid, text = msg.get("room"), msg.get("id"), msg.get("text")
        if not isinstance(room, str) or room not in conn.rooms:
            return conn.put({"type": "error", "reason": "send to a room not joined"})
        if mid is None or isinstance(mid, (dict, list)):
            return conn.put({"type": "error", "reason": "send needs an id"})
        if not isinstance(text, str):
            return conn.put({"type": "error", "reason": "send needs a text"})
        prev = self.history.find(room, conn.client, mid)
        if prev is not None:
            return conn.put({"type": "ack", "room": room, "id": mid, "seq": prev["seq"]})
        m = self.history.append(room, conn.client, mid, text)  # stored (durable in lesson 14)
        for member in list(self.members[room]):
            member.put(m)
        conn.put({"type": "ack", "room": room, "id": mid, "seq": m["seq"]})

    def leave(self, conn, msg):
        room = msg.get("room")
        if not isinstance(room, str):
            return conn.put({"type": "error", "reason": "leave needs a room"})
        self.members[room].discard(conn)
        conn.rooms.discard(room)
        conn.put({"type": "left", "room": room})

    def drop(self, conn):
        conn.open = False
        for room in conn.rooms:
            self.members[room].discard(conn)
        conn.rooms.clear()

    # ---- connection loop --------------------------------------------------------------------
    async def serve_connection(self, ws, path=None):
        conn = Connection(ws)
        wtask = asyncio.ensure_future(conn.writer())
        try:
            while True:
                try:
                    raw = await ws.recv()
                except websockets.exceptions.ConnectionClosed:
                    break
                # Messages the library queued before it failed the connection (1009 on a later
                # frame) are still returned here; they came first and are valid requests.
                self.handle(conn, raw)
        finally:
            self.drop(conn)
            wtask.cancel()


async def run(history, port, host="127.0.0.1"):
    server = ChatServer(history)
    async with websockets.serve(server.serve_connection, host, port,
                                max_size=MAX_MESSAGE_BYTES,  # > 4096 bytes: the library closes 1009
                                max_queue=64,
                                ping_interval=10, ping_timeout=20,
                                compression=None):
        print("chat server listening on ws://%s:%d/" % (host, port), flush=True)
        await asyncio.Future()
