// Quick exit: replace this page (so Back does not return to it) and allow Shift pressed 3 times within a second.
(function () {
  "use strict";
  var link = document.getElementById("quick-exit");
  if (!link) { return; }
  var WINDOW_MS = 1000, presses = [];

  function leave() {
    try { window.sessionStorage.clear(); } catch (e) { /* nothing to clear */ }
    window.location.replace(link.href);
  }
  link.addEventListener("click", function (event) {
    event.preventDefault();
    leave();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Shift") { presses = []; return; }  // typing capitals (Shift + letter) never counts
    if (event.repeat) { return; }
    var now = Date.now();
    presses = presses.filter(function (t) { return now - t < WINDOW_MS; });
    presses.push(now);
    if (presses.length >= 3) { leave(); }
  });
}());
