"use strict";

/*
 * Lesson 02c: the browser's own WebSocket as an echo client, for the RFC 6455 client suite.
 *
 * Everything on the wire is the browser's: the handshake, the masking, the pongs, the closing
 * handshake and every decision to fail a connection. This script only echoes each message as
 * it came (text as text, binary as binary) and records how each connection ended. One page
 * can hold many connections at once, each known by a number.
 */

class EchoClients {
  constructor() {
    this.sockets = new Map();
    this.next = 1;
    // {id, code, reason}, oldest first: how each connection ended, for whoever drives the page.
    this.events = [];
    this.listeners = [];
  }

  /** Opens a connection to url and echoes on it; returns its number. */
  open(url) {
    const id = this.next++;
    const ws = new WebSocket(url);
    // ArrayBuffer, not Blob: the echo goes out at once, in the order the messages came.
    ws.binaryType = "arraybuffer";
    ws.onopen = () => this.tell({ id, type: "open" });
    ws.onmessage = (event) => {
      ws.send(event.data);
      this.tell({ id, type: "echo", size: typeof event.data === "string" ? event.data.length : event.data.byteLength,
        binary: typeof event.data !== "string" });
    };
    ws.onclose = (event) => {
      this.sockets.delete(id);
      this.events.push({ id, code: event.code, reason: event.reason });
      this.tell({ id, type: "closed", code: event.code, reason: event.reason });
    };
    this.sockets.set(id, ws);
    return id;
  }

  /** Starts the closing handshake on connection id, if it is still there. */
  close(id) {
    const ws = this.sockets.get(id);
    if (ws) {
      ws.close();
    }
  }

  /** For the page's own log. */
  onChange(listener) {
    this.listeners.push(listener);
  }

  tell(change) {
    this.listeners.forEach((l) => l(change));
  }
}
