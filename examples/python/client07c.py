#!/usr/bin/env python3
"""wslab lesson 07c chat client, as a --client-cmd program.

Usage: client07c.py URL [SEED]
stdin:  subscribe <room> | send <text> | close
stdout: delivered <room> <seq> <client> <id> <text> | cannot-recover <room> <oldest> <latest> | closed <code> [<reason>]

Written from lessons/07c-chat-client/README.md only. One asyncio loop, so no locks: every state
change happens between awaits. Frames go out through one queue per connection, so the rejoin and
the resends of a new connection are written before anything else.
"""
import asyncio
import collections
import json
import os
import random
import sys
import time

import websockets
import websockets.exceptions

RESEND_AFTER = 2.0       # s without an ack on a live connection
TIMER_TICK = 0.1         # s between checks of the pending list
BACKOFF_BASE = 0.25      # lesson 04: full jitter, base 250 ms, cap 2000 ms
BACKOFF_CAP = 2.0


def out(line):
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


class Room:
    def __init__(self, name):
        self.name = name
        self.delivered = None   # last seq delivered in order; None until the first joined
        self.buffer = {}        # seq -> message, early arrivals


class ChatClient:
    def __init__(self, url, seed):
        self.url = url
        self.rng = random.Random(seed)
        self.client = "c-" + os.urandom(8).hex()   # random per client, kept for its whole life
        self.counter = 0
        self.rooms = collections.OrderedDict()     # name -> Room, in subscription order
        self.last_room = None
        self.pending = collections.OrderedDict()   # id -> {"room", "text", "sent"}; insertion = first-sent order
        self.conn = None                           # the live connection's outbound queue, or None
        self.ws = None
        self.stopped = False
        self.stop_event = asyncio.Event()

    # ---- outbound ---------------------------------------------------------------------------
    def write(self, obj):
        if self.conn is not None:
            self.conn.put_nowait(json.dumps(obj, separators=(",", ":")))
            return True
        return False

    def join(self, room):
        msg = {"type": "join", "room": room.name, "client": self.client}
        if room.delivered is not None:
            msg["since"] = room.delivered
        self.write(msg)

    def send_pending(self, mid):
        p = self.pending[mid]
        if self.write({"type": "send", "room": p["room"], "id": mid, "text": p["text"]}):
            p["sent"] = time.monotonic()

    def on_open(self):
        # Rejoin every room, then resend every pending message in the order first sent.
        for room in self.rooms.values():
            self.join(room)
        for mid in list(self.pending):
            self.send_pending(mid)

    # ---- stdin ------------------------------------------------------------------------------
    def command(self, line):
        line = line.rstrip("\r\n")
        if line.startswith("subscribe "):
            name = line[len("subscribe "):].strip()
            if name not in self.rooms:
                self.rooms[name] = Room(name)
                self.join(self.rooms[name])
            self.last_room = name
        elif line.startswith("send ") or line == "send":
            text = line[len("send "):] if line.startswith("send ") else ""
            if self.last_room is None:
                return
            self.counter += 1
            mid = "%s-%d" % (self.client, self.counter)
            self.pending[mid] = {"room": self.last_room, "text": text, "sent": None}
            self.send_pending(mid)
        elif line.strip() == "close":
            self.stopped = True
            self.stop_event.set()

    async def stdin_loop(self):
        loop = asyncio.get_running_loop()
        reader = asyncio.StreamReader()
        await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
        while not self.stopped:
            line = await reader.readline()
            if not line:
                return  # EOF: keep running until killed or told to close
            self.command(line.decode("utf-8", "replace"))

    # ---- inbound ----------------------------------------------------------------------------
    def deliver_ready(self, room):
        while room.delivered is not None and room.delivered + 1 in room.buffer:
            m = room.buffer.pop(room.delivered + 1)
            room.delivered += 1
            out("delivered %s %d %s %s %s" % (room.name, m["seq"], m.get("client"), m.get("id"), m.get("text")))

    def on_message(self, raw):
        try:
            m = json.loads(raw)
        except ValueError:
            return
        if not isinstance(m, dict):
            return
        t = m.get("type")
        room = self.rooms.get(m.get("room"))
        if t == "ack":
            self.pending.pop(m.get("id"), None)
        elif room is None:
            return
        elif t == "joined":
            if room.delivered is None:
                # First join, live only: the room's history up to latest is not ours to deliver.
                room.delivered = int(m.get("latest", 0))
                for s in [s for s in room.buffer if s <= room.delivered]:
                    del room.buffer[s]
                self.deliver_ready(room)
        elif t == "message":
            seq = m.get("seq")
            if not isinstance(seq, int):
                return
            if room.delivered is not None and seq <= room.delivered:
                return  # a repeat
            room.buffer[seq] = m
            self.deliver_ready(room)
        elif t == "cannot-recover":
            oldest, latest = int(m.get("oldest")), int(m.get("latest"))
            out("cannot-recover %s %d %d" % (room.name, oldest, latest))
            room.delivered = oldest - 1
            for s in [s for s in room.buffer if s <= room.delivered]:
                del room.buffer[s]
            self.join(room)

    # ---- timers -----------------------------------------------------------------------------
    async def resend_timer(self):
        while not self.stopped:
            await asyncio.sleep(TIMER_TICK)
            if self.conn is None:
                continue
            now = time.monotonic()
            for mid, p in list(self.pending.items()):
                if p["sent"] is not None and now - p["sent"] >= RESEND_AFTER:
                    self.send_pending(mid)

    # ---- connection -------------------------------------------------------------------------
    async def writer(self, ws, q):
        try:
            while True:
                s = await q.get()
                await ws.send(s)
        except (websockets.exceptions.ConnectionClosed, asyncio.CancelledError):
            pass

    async def connection_loop(self):
        attempt = 0
        while not self.stopped:
            if attempt > 0:
                await asyncio.sleep(self.rng.uniform(0, min(BACKOFF_CAP, BACKOFF_BASE * 2 ** (attempt - 1))))
            attempt += 1
            try:
                ws = await websockets.connect(self.url, open_timeout=5, max_size=None, ping_interval=None,
                                              compression=None, close_timeout=1)
            except (OSError, asyncio.TimeoutError, websockets.exceptions.WebSocketException):
                continue
            attempt = 1   # the next reconnect starts the schedule again
            q = asyncio.Queue()
            self.ws, self.conn = ws, q
            self.on_open()
            wtask = asyncio.ensure_future(self.writer(ws, q))
            try:
                async for raw in ws:
                    self.on_message(raw)
            except websockets.exceptions.ConnectionClosed:
                pass
            finally:
                self.conn = None
                self.ws = None
                wtask.cancel()
            if self.stopped:
                return
            code = ws.close_code if ws.close_code is not None else 1006
            reason = ws.close_reason or ""
            out("closed %d%s" % (code, (" " + reason) if reason else ""))

    async def main(self):
        tasks = [asyncio.ensure_future(c) for c in (self.connection_loop(), self.stdin_loop(), self.resend_timer())]
        await self.stop_event.wait()
        ws = self.ws
        if ws is not None:
            self.conn = None
            try:
                await asyncio.wait_for(ws.close(1000), 2)
            except Exception:
                pass
            out("closed 1000")
        for t in tasks:
            t.cancel()


if __name__ == "__main__":
    url = sys.argv[1]
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else None
    asyncio.run(ChatClient(url, seed).main())
