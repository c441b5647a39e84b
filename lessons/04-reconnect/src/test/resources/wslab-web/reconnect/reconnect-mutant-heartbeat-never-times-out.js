"use strict";
// Mutant of the browser reference (tests only): sends heartbeats but never checks that anything
// comes back, so a half-open link looks alive for ever. Caught by 04.3.
ReconnectingClient.prototype.heard = (function (heard) {
  return function (socket) {
    heard.call(this, socket);
    clearTimeout(this.timers.deadline);
  };
})(ReconnectingClient.prototype.heard);
