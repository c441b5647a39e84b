"use strict";

/*
 * Lesson 04, browser starter: a WebSocket client that should stay connected.
 *
 * Today it connects once, sends while the socket is open and reports the close. Everything that
 * keeps it connected is yours to write. Grade it, read the first red check, find its TODO:
 *
 *   ./wslab grade 04 --impl browser-starter
 *
 * Open reconnect/index.html?impl=starter in the portal (./wslab serve) to watch it by hand.
 * The numbers are in the lesson's README (and wslab.api.ClientContract):
 *
 *   heartbeat every 500 ms, dead after 1500 ms of silence, connect timeout 1000 ms,
 *   delay before attempt n random in [0, min(2000, 250·2^(n-1))] ms, give up after 8 failures,
 *   a message arriving after 1000 ms open resets the count; tell onGiveUp() when you stop.
 */

class ReconnectingClient {
  /** @param {{random?: () => number}} options random in [0, 1): use it for jitter, never Math.random */
  constructor({ random = Math.random } = {}) {
    this.random = random;
    this.topics = [];
    this.socket = null;
    this.handlers = {};
  }

  /** @param {{onClosed?: (code: number, reason: string) => void, onOpen?: () => void}} handlers */
  start(url, handlers = {}) {
    this.url = url;
    this.handlers = handlers;
    this.connect();
  }

  connect() {
    const socket = new WebSocket(this.url);
    this.socket = socket;
    // TODO(04.8) an attempt into a black hole never opens and never fails on its own: give it
    //   1000 ms, then close it and count it as a failed attempt.

    socket.onopen = () => {
      // TODO(04.1, 04.12) first thing on every open: {"type":"subscribe","topic":"<t>"} for each
      //   topic, in the order they were subscribed.
      // TODO(04.13) then send what send() queued while offline, in order, each exactly once.
      // TODO(04.2) then {"type":"heartbeat"} every 500 ms while open.
      // TODO(04.9) a message arriving after the connection has been open 1000 ms resets the attempt count.
      if (this.handlers.onOpen) this.handlers.onOpen();
    };

    // TODO(04.3, 04.4) any message proves the link alive. Nothing for 1500 ms: it is dead even
    //   though no close event will come for a long time; close it and reconnect. The server
    //   answers each heartbeat, so a slow link still speaks well within 1500 ms.

    socket.onclose = (event) => {
      if (this.handlers.onClosed) this.handlers.onClosed(event.code, event.reason);
      // TODO(04.5, 04.6, 04.7, 04.10) the connection is lost: wait random [0, ceiling] ms with
      //   ceiling = min(2000, 250·2^(n-1)) before attempt n, draw it with this.random, and give
      //   up after 8 failed attempts in a row. A connection that drops before 1000 ms is a
      //   failed attempt too.
      // TODO(04.11) browsers fire "error" and then "close" for one failure, and a socket you
      //   have abandoned still fires its events: make sure each socket is lost once, and that
      //   no timer of the old connection survives it.
    };
  }

  subscribe(topic) {
    this.topics.push(topic);
    // TODO(04.1) if open, send the subscribe message now; it also goes out on every new open.
  }

  send(text) {
    if (this.socket !== null && this.socket.readyState === WebSocket.OPEN) {
      this.socket.send(text);
    }
    // TODO(04.13) otherwise queue it. (A closing or closed WebSocket drops what you send without
    //   an error, so "not open" means queue.)
  }

  /**
   * The page's "Retry now" button calls this once the client has given up (onGiveUp).
   * TODO: do nothing unless you gave up; otherwise connect at once and count the attempts from
   *   retry 1 again, so that a failure waits [0, 250] ms, then [0, 500] ms, and so on.
   */
  retryNow() {
    this.connect();
  }

  close() {
    // TODO(04.15, 04.16) close with code 1000 (without a code the server sees 1005), and make sure
    //   nothing reconnects afterwards: no pending timer may fire.
    if (this.socket !== null) {
      this.socket.close();
    }
  }
}

if (typeof module !== "undefined") {
  module.exports = { ReconnectingClient };
}
