"use strict";
// Mutant of the browser reference (tests only): trusts the browser to give up on a connect. On a
// black-holed link it waits for minutes. Caught by 04.8.
ReconnectingClient.prototype.connect = (function (connect) {
  return function () {
    connect.call(this);
    clearTimeout(this.timers.connect);
  };
})(ReconnectingClient.prototype.connect);
