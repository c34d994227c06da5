// Quick exit: leave for a neutral page and replace this one in the history,
// so that Back does not return here. Escape pressed twice does the same.
// Without JavaScript the link still leaves (and stays in the history).
(function () {
  "use strict";
  var exit = document.getElementById("quick-exit");
  if (!exit) {
    return;
  }
  var leave = function () {
    window.location.replace(exit.href);
  };
  exit.addEventListener("click", function (event) {
    event.preventDefault();
    leave();
  });
  var last = 0;
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") {
      return;
    }
    var now = Date.now();
    if (now - last < 800) {
      leave();
    }
    last = now;
  });
})();
