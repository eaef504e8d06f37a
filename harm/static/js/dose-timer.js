// The second-dose timer: starts on tap, survives moving between steps (sessionStorage), says when to give dose two.
(function () {
  "use strict";
  var KEY = "fp-dose-timer-start";
  var box = document.querySelector(".dose-timer");
  if (!box) { return; }
  var total = Number(box.dataset.seconds), ready = Number(box.dataset.secondDose);
  var button = box.querySelector(".timer-start"), status = box.querySelector(".timer-status");
  var ticking = null;

  function stored() {
    try { return Number(window.sessionStorage.getItem(KEY)) || 0; } catch (e) { return 0; }
  }
  function remember(value) {
    try { window.sessionStorage.setItem(KEY, String(value)); } catch (e) { /* private mode: the page still counts */ }
  }
  function clock(seconds) {
    var m = Math.floor(seconds / 60), s = seconds % 60;
    return m + ":" + (s < 10 ? "0" : "") + s;
  }
  function show(started) {
    var passed = Math.floor((Date.now() - started) / 1000);
    var left = Math.max(0, total - passed);
    var text = box.dataset.runningText.replace("{time}", clock(left));
    if (left === 0) {
      text = box.dataset.doneText;
      window.clearInterval(ticking);
      box.classList.add("timer-done");
    } else if (passed >= ready) {
      text += "\n" + box.dataset.readyText;
      box.classList.add("timer-ready");
    }
    status.textContent = text;
    status.hidden = false;
  }
  function run(started) {
    window.clearInterval(ticking);
    box.classList.remove("timer-ready", "timer-done");
    show(started);
    ticking = window.setInterval(function () { show(started); }, 1000);
  }
  button.hidden = false;
  button.addEventListener("click", function () {
    var now = Date.now();
    remember(now);
    run(now);
  });
  var started = stored();
  if (started && Date.now() - started < 30 * 60 * 1000) { run(started); }
}());
