// The second-dose timer: started once (the time of the first dose is kept in sessionStorage), it keeps counting
// across steps and reloads. At 2 and at 3 minutes it beeps and vibrates where the browser allows, and says
// "give the second dose". Only "Start over" starts it again.
(function () {
  "use strict";
  var GIVEN_AT = "fp-dose-given-at", ALARMED = "fp-dose-alarmed";
  var FORGET_AFTER_MS = 60 * 60 * 1000;  // an old timer must not greet the next emergency with "give it now"
  var box = document.querySelector(".dose-timer");
  if (!box) { return; }
  var alarms = [Number(box.dataset.secondDose), Number(box.dataset.lastCall)];
  var start = box.querySelector(".timer-start"), reset = box.querySelector(".timer-reset");
  var status = box.querySelector(".timer-status"), alert = box.querySelector(".timer-alert");
  var alertText = box.querySelector(".timer-alert-text"), plain = box.querySelector(".timer-plain");
  var memory = {}, ticking = null, audio = null;

  function read(key) {
    try { return window.sessionStorage.getItem(key); } catch (e) { return memory[key] || null; }
  }
  function write(key, value) {
    try { window.sessionStorage.setItem(key, value); } catch (e) { memory[key] = value; }
  }
  function givenAt() {
    var at = Number(read(GIVEN_AT)) || 0;
    return at && Date.now() - at < FORGET_AFTER_MS ? at : 0;
  }
  function alarmed() { return Number(read(ALARMED)) || 0; }  // the last alarm that sounded, in seconds

  function clock(seconds) {
    var m = Math.floor(seconds / 60), s = seconds % 60;
    return m + ":" + (s < 10 ? "0" : "") + s;
  }
  // Browsers let a page make sound only after a tap: the start tap (or any tap after a reload) wakes it.
  function wakeAudio() {
    var Context = window.AudioContext || window.webkitAudioContext;
    if (!Context) { return; }
    try {
      audio = audio || new Context();
      if (audio.state === "suspended") { audio.resume(); }
    } catch (e) { audio = null; }
  }
  function beep() {
    wakeAudio();
    if (!audio) { return; }
    try {
      [0, 0.45, 0.9].forEach(function (offset) {
        var tone = audio.createOscillator(), volume = audio.createGain(), at = audio.currentTime + offset;
        tone.frequency.value = 880;
        volume.gain.value = 0.4;
        tone.connect(volume);
        volume.connect(audio.destination);
        tone.start(at);
        tone.stop(at + 0.3);
      });
    } catch (e) { /* no sound here: the words and the vibration still say it */ }
  }
  function sound(seconds) {
    write(ALARMED, String(seconds));
    beep();
    if (navigator.vibrate) {
      try { navigator.vibrate([500, 200, 500, 200, 500]); } catch (e) { /* not allowed here */ }
    }
  }

  function show() {
    var at = givenAt();
    start.hidden = !!at;
    reset.hidden = !at;
    status.hidden = !at;
    // The start button and then the count say it in fewer lines: the step stays in the first screen.
    plain.hidden = true;
    if (!at) {
      alert.hidden = true;
      return;
    }
    var passed = Math.max(0, Math.floor((Date.now() - at) / 1000));
    status.textContent = box.dataset.runningText.replace("{time}", clock(passed));
    var due = alarms.filter(function (seconds) { return passed >= seconds; });
    var last = due.length ? due[due.length - 1] : 0;
    if (last && alarmed() < last) { sound(last); }
    alert.hidden = !last;
    box.classList.toggle("timer-ready", !!last);
    if (last) {
      alertText.textContent = last === alarms[0] ? box.dataset.readyText : box.dataset.doneText;
    }
  }
  function run() {
    window.clearInterval(ticking);
    show();
    ticking = window.setInterval(show, 1000);
  }

  start.addEventListener("click", function () {
    wakeAudio();
    if (givenAt()) { return; }  // already counting: a second tap never starts it again
    write(GIVEN_AT, String(Date.now()));
    write(ALARMED, "0");
    run();
  });
  // A stray tap must not silently push the second dose back: "Start over" asks for a second tap within 4 seconds.
  var resetLabel = reset.textContent, confirmUntil = 0;
  reset.addEventListener("click", function () {
    wakeAudio();
    if (Date.now() > confirmUntil) {
      confirmUntil = Date.now() + 4000;
      reset.textContent = box.dataset.confirmText;
      window.setTimeout(function () { reset.textContent = resetLabel; }, 4000);
      return;
    }
    confirmUntil = 0;
    reset.textContent = resetLabel;
    write(GIVEN_AT, String(Date.now()));
    write(ALARMED, "0");
    run();
  });
  document.addEventListener("pointerdown", function () { if (givenAt()) { wakeAudio(); } });
  run();
}());
