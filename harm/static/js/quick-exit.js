// Quick exit: lock the session on the server (a beacon), replace this page (so Back does not return to it) and
// allow Shift pressed 3 times within a second. Back, a reload or the app's icon then shows only the lock screen.
(function () {
  "use strict";
  var link = document.getElementById("quick-exit");
  if (!link) { return; }
  var WINDOW_MS = 1000, presses = [];
  // Set on quick exit, cleared on the pages where the person proves who they are: a signed-in page shown from a copy
  // (offline, or a beacon that never arrived) locks again instead of showing the plan.
  var LEFT = "fp-left";
  var signedIn = Boolean(document.body.getAttribute("data-account"));

  function lockOnServer() {
    var csrf = document.querySelector('meta[name="csrf-token"]');
    if (!csrf || !navigator.sendBeacon) { return; }
    var form = new FormData();
    form.append("csrf_token", csrf.content);  // a form post with the page's token: no other site can send it
    navigator.sendBeacon(link.getAttribute("data-lock-url"), form);
  }

  function leave() {
    try { window.sessionStorage.clear(); } catch (e) { /* nothing to clear */ }
    if (signedIn) {
      try { window.localStorage.setItem(LEFT, "1"); } catch (e) { /* the server lock still holds */ }
      lockOnServer();
    }
    window.location.replace(link.getAttribute("data-neutral-url") || link.href);
  }

  function lockIfLeft() {
    var left = null;
    try {
      if (/^\/(unlock|signin|signup)/.test(window.location.pathname)) { window.localStorage.removeItem(LEFT); }
      left = window.localStorage.getItem(LEFT);
    } catch (e) { return; }
    if (left && signedIn) {
      lockOnServer();
      window.location.replace(link.getAttribute("data-unlock-url"));
    }
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
  // Back can show a page from the browser's memory without asking the server: ask it again.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted && signedIn) { window.location.reload(); }
  });
  lockIfLeft();
}());
