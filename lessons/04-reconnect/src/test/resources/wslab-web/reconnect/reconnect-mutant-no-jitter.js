"use strict";
// Mutant of the browser reference (tests only): every delay sits at its ceiling, so all the
// clients that lost a server at one moment come back at the same moments. Caught by 04.6.
ReconnectingClient.prototype.retry = (function (retry) {
  return function () {
    this.random = () => 0.999;
    retry.call(this);
  };
})(ReconnectingClient.prototype.retry);
