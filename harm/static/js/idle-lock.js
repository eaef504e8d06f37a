// Idle lock: tell the server someone is using the page (at most once a minute), and go to the lock screen
// when the chosen idle time has passed, so the plan does not stay on an unattended screen.
(function () {
  "use strict";
  var meta = document.querySelector('meta[name="lock-after-minutes"]');
  if (!meta) { return; }
  var idleMs = Number(meta.content) * 60 * 1000, lastPing = Date.now(), timer = null;
  var csrf = document.querySelector('meta[name="csrf-token"]');

  function lockNow() {
    var here = window.location.pathname + window.location.search;
    window.location.replace(meta.dataset.unlockUrl + "?next=" + encodeURIComponent(here));
  }
  function restart() {
    window.clearTimeout(timer);
    timer = window.setTimeout(lockNow, idleMs);
  }
  function used() {
    restart();
    if (Date.now() - lastPing > 60 * 1000 && csrf) {
      lastPing = Date.now();
      fetch(meta.dataset.activeUrl, { method: "POST", credentials: "same-origin",
        headers: { "X-CSRFToken": csrf.content } }).catch(function () { /* offline: the server counts later */ });
    }
  }
  ["keydown", "pointerdown", "input", "scroll"].forEach(function (name) {
    document.addEventListener(name, used, { passive: true });
  });
  restart();
}());
