"use strict";
// Mutant of the browser reference (tests only): send() on a socket that is not open goes
// nowhere, as a bare ws.send does. Caught by 04.13.
ReconnectingClient.prototype.send = function (text) {
  if (this.isOpen()) {
    this.socket.send(text);
  }
};
