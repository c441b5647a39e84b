"use strict";
// Mutant of the browser reference (tests only): the seed's advice, reconnect from both the error
// and the close handler. One failure starts two loops, each with its own socket. Caught by 04.11.
ReconnectingClient.prototype.connect = (function (connect) {
  return function () {
    connect.call(this);
    const socket = this.socket;
    socket.addEventListener("close", () => {
      if (this.socket !== socket) {
        this.retry();
      }
    });
  };
})(ReconnectingClient.prototype.connect);
