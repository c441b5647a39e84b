"use strict";

/*
 * Lesson 04, browser reference: a WebSocket client that stays connected.
 *
 * The numbers are lesson 04's contract (wslab.api.ClientContract in Java, the table in the
 * lesson's README). Plain ES2020 in one file: load it with a <script> tag, no build step.
 *
 *   open ──▶ subscribe each topic ──▶ flush the offline queue ──▶ heartbeat every 500 ms
 *     ▲                                                              │ nothing heard for 1500 ms,
 *     │ opened within 1000 ms                                        │ an error, or a close
 *     │                                                              ▼
 *  attempt n  ◀── wait random [0, min(2000, 250·2^(n-1))] ms ◀── lost (n = 1, 2, ... 8, then give up)
 */

const HEARTBEAT_INTERVAL_MS = 500;
const HEARTBEAT_TIMEOUT_MS = 1500;
const BACKOFF_BASE_MS = 250;
const BACKOFF_CAP_MS = 2000;
const MAX_ATTEMPTS = 8;
const CONNECT_TIMEOUT_MS = 1000;
const STABLE_AFTER_MS = 1000;

const NORMAL_CLOSURE = 1000;
// What the browser itself reports when no close frame came (RFC 6455 §7.1.5). We report it too
// when we give up on a socket ourselves, rather than wait for a close event a dead link may
// take a minute to produce.
const ABNORMAL_CLOSURE = 1006;

const HEARTBEAT = JSON.stringify({ type: "heartbeat" });

function subscribeMessage(topic) {
  return JSON.stringify({ type: "subscribe", topic });
}

function backoffCeiling(attempt) {
  return Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (attempt - 1));
}

class ReconnectingClient {
  /**
   * @param {{random?: () => number}} options random in [0, 1), so a graded run can replay its jitter
   */
  constructor({ random = Math.random } = {}) {
    this.random = random;
    this.topics = [];
    this.outbox = [];
    // The socket of the current attempt or connection. Any other socket is stale: the browser may
    // still fire its events (error and close both come for one failure), and they must not count.
    this.socket = null;
    this.socketOpened = false;
    // Attempts since the last connection that proved stable; the next attempt's number minus one.
    this.attempts = 0;
    // Set when the loop stops after MAX_ATTEMPTS; only retryNow() starts it again.
    this.gaveUp = false;
    this.timers = {};
    this.handlers = {};
  }

  /**
   * @param {string} url
   * @param {{onClosed?: (code: number, reason: string) => void,
   *          onOpen?: () => void, onAttempt?: (n: number, delayMs: number) => void,
   *          onGiveUp?: () => void}} handlers only onClosed is part of the contract; the rest feed a log
   */
  start(url, handlers = {}) {
    // Started twice, two loops would share one queue and race for it: end the first.
    this.close();
    this.url = url;
    this.handlers = handlers;
    this.attempts = 0;
    this.gaveUp = false;
    this.connect();
  }

  /**
   * After giving up, a fresh series of attempts at the user's request: one attempt at once, and
   * if it fails, the schedule from retry 1 again. One person pressing a button is not a crowd, so
   * this first attempt needs no jitter. Does nothing unless the client has given up.
   *
   * @returns {boolean} whether a new series started
   */
  retryNow() {
    if (!this.gaveUp) {
      return false;
    }
    this.gaveUp = false;
    this.attempts = 0;
    this.connect();
    return true;
  }

  subscribe(topic) {
    if (this.topics.includes(topic)) {
      return;
    }
    this.topics.push(topic);
    if (this.isOpen()) {
      this.socket.send(subscribeMessage(topic));
    }
  }

  send(text) {
    // A browser WebSocket that is closing or closed drops what it is given without an error,
    // so anything not provably open goes to the queue.
    if (this.isOpen()) {
      this.socket.send(text);
    } else {
      this.outbox.push(text);
    }
  }

  close() {
    this.clearTimers();
    const socket = this.socket;
    const opened = this.socketOpened;
    this.socket = null;
    if (socket) {
      detach(socket);
      if (socket.readyState === WebSocket.OPEN) {
        // The application's own close is reported like any other end of an open connection, with
        // the code the server answers; nothing reconnects.
        socket.onclose = (event) => {
          if (opened) {
            this.notify("onClosed", event.code, event.reason);
          }
        };
        socket.close(NORMAL_CLOSURE);
      } else {
        // Still connecting: the attempt is abandoned, and an attempt that never opened is not reported.
        socket.close();
      }
    }
  }

  isOpen() {
    return this.socket !== null && this.socket.readyState === WebSocket.OPEN;
  }

  connect() {
    const socket = new WebSocket(this.url);
    this.socket = socket;
    this.socketOpened = false;
    this.timers.connect = setTimeout(() => this.lose(socket, ABNORMAL_CLOSURE, ""), CONNECT_TIMEOUT_MS);
    socket.onopen = () => this.opened(socket);
    socket.onmessage = () => this.heard(socket);
    // The close event that follows an error always says 1006, so nothing is lost by ending here.
    socket.onerror = () => this.lose(socket, ABNORMAL_CLOSURE, "");
    socket.onclose = (event) => this.lose(socket, event.code, event.reason);
  }

  opened(socket) {
    if (socket !== this.socket) {
      return;
    }
    clearTimeout(this.timers.connect);
    this.socketOpened = true;
    // Before anything else: the server must know what this connection is for.
    for (const topic of this.topics) {
      socket.send(subscribeMessage(topic));
    }
    for (const text of this.outbox.splice(0)) {
      socket.send(text);
    }
    this.openedAt = performance.now();
    this.heard(socket);
    this.timers.heartbeat = setInterval(() => socket.send(HEARTBEAT), HEARTBEAT_INTERVAL_MS);
    this.notify("onOpen");
  }

  heard(socket) {
    if (socket !== this.socket) {
      return;
    }
    // A browser never shows pings or pongs to the page, so only the server's messages (its
    // heartbeat acks at least) prove the link alive.
    clearTimeout(this.timers.deadline);
    this.timers.deadline = setTimeout(() => this.lose(socket, ABNORMAL_CLOSURE, ""), HEARTBEAT_TIMEOUT_MS);
    // Stable means heard from after STABLE_AFTER_MS, not merely open that long: a link black-holed
    // right after the upgrade stays "open" until the deadline and must not reset the count. Counting
    // only attempts that fail to open would let a server that accepts and drops at once be hammered.
    if (performance.now() - this.openedAt >= STABLE_AFTER_MS) {
      this.attempts = 0;
    }
  }

  lose(socket, code, reason) {
    if (socket !== this.socket) {
      return;
    }
    this.socket = null;
    this.clearTimers();
    detach(socket);
    // After a timeout the socket may still be connecting or open: a dead link must not linger.
    if (socket.readyState === WebSocket.CONNECTING || socket.readyState === WebSocket.OPEN) {
      socket.close();
    }
    // An attempt that never opened was no connection, so the application has nothing to hear.
    if (this.socketOpened) {
      this.notify("onClosed", code, reason);
    }
    this.retry();
  }

  retry() {
    if (this.attempts >= MAX_ATTEMPTS) {
      this.gaveUp = true;
      this.notify("onGiveUp");
      return;
    }
    this.attempts += 1;
    // Full jitter: clients that lost the same server at the same moment come back spread out.
    const delay = this.random() * backoffCeiling(this.attempts);
    this.notify("onAttempt", this.attempts, delay);
    this.timers.retry = setTimeout(() => this.connect(), delay);
  }

  clearTimers() {
    clearTimeout(this.timers.connect);
    clearTimeout(this.timers.deadline);
    clearTimeout(this.timers.retry);
    clearInterval(this.timers.heartbeat);
    this.timers = {};
  }

  notify(name, ...args) {
    const handler = this.handlers[name];
    if (typeof handler !== "function") {
      return;
    }
    // An application bug must not stop the reconnect loop.
    try {
      handler(...args);
    } catch (error) {
      console.error(`ReconnectingClient: ${name} threw`, error);
    }
  }
}

function detach(socket) {
  socket.onopen = socket.onmessage = socket.onerror = socket.onclose = null;
}

if (typeof module !== "undefined") {
  module.exports = { ReconnectingClient };
}
