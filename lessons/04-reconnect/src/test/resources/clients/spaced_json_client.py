#!/usr/bin/env python3
"""A lesson 04 client in another language, written from the README's --client-cmd contract alone.

It writes its JSON the way Python's json.dumps does by default ({"topic": "news", "type":
"subscribe"}: spaces after the separators, keys in its own order), which the contract allows:
messages are JSON values. Only the Python standard library; it connects once and does not
reconnect, so it is graded on the checks that need no more (04.1 and 04.2).

    python3 spaced_json_client.py ws://127.0.0.1:9000/feed [seed]
"""
import base64
import hashlib
import json
import os
import random
import socket
import struct
import sys
import threading
import time
from urllib.parse import urlparse

GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
HEARTBEAT_INTERVAL_S = 0.5


def main():
    if len(sys.argv) not in (2, 3):
        print("usage: spaced_json_client.py <ws://url> [seed]", file=sys.stderr)
        sys.exit(2)
    url = urlparse(sys.argv[1])
    rng = random.Random(int(sys.argv[2]) if len(sys.argv) == 3 else None)
    sock = socket.create_connection((url.hostname, url.port or 80))
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    key = base64.b64encode(bytes(rng.getrandbits(8) for _ in range(16))).decode()
    request = (f"GET {url.path or '/'} HTTP/1.1\r\nHost: {url.hostname}:{url.port}\r\nUpgrade: websocket\r\n"
               f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n")
    sock.sendall(request.encode("ascii"))
    head = b""
    while not head.endswith(b"\r\n\r\n"):
        chunk = sock.recv(1)
        if not chunk:
            print("closed 1006")
            return
        head += chunk
    expected = base64.b64encode(hashlib.sha1((key + GUID).encode()).digest()).decode()
    if b" 101 " not in head.split(b"\r\n")[0] or expected.encode() not in head:
        print("closed 1006")
        return
    lock = threading.Lock()

    def send_text(text):
        payload = text.encode("utf-8")
        mask = bytes(rng.getrandbits(8) for _ in range(4))
        n = len(payload)
        header = bytes([0x81]) + (bytes([0x80 | n]) if n < 126 else bytes([0x80 | 126]) + struct.pack(">H", n))
        masked = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
        with lock:
            sock.sendall(header + mask + masked)

    def heartbeat():
        while True:
            time.sleep(HEARTBEAT_INTERVAL_S)
            try:
                send_text(json.dumps({"type": "heartbeat"}))
            except OSError:
                return

    def read_frames():
        while True:
            first = sock.recv(2)
            if len(first) < 2:
                print("closed 1006", flush=True)
                os._exit(0)
            n = first[1] & 0x7F
            if n == 126:
                n = struct.unpack(">H", sock.recv(2))[0]
            elif n == 127:
                n = struct.unpack(">Q", sock.recv(8))[0]
            data = b""
            while len(data) < n:
                data += sock.recv(n - len(data))
            if first[0] & 0x0F == 0x8:
                code = struct.unpack(">H", data[:2])[0] if len(data) >= 2 else 1005
                print(f"closed {code}", flush=True)
                os._exit(0)

    threading.Thread(target=heartbeat, daemon=True).start()
    threading.Thread(target=read_frames, daemon=True).start()
    for line in sys.stdin:
        command, _, argument = line.rstrip("\n").partition(" ")
        if command == "subscribe":
            # Key order and spacing differ from the reference's; the value is the same.
            send_text(json.dumps({"topic": argument, "type": "subscribe"}))
        elif command == "send":
            send_text(argument)
        elif command == "close":
            with lock:
                sock.sendall(bytes([0x88, 0x82]) + b"\0\0\0\0" + struct.pack(">H", 1000))
    sock.close()


if __name__ == "__main__":
    main()
