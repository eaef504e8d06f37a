// Listen: read the guide aloud in the page's language. The button stays hidden where the
// browser has no voice for that language (and without JavaScript).
(function () {
  "use strict";
  var button = document.querySelector("[data-listen]");
  var article = document.querySelector("[data-listen-text]");
  if (!button || !article || !("speechSynthesis" in window)) { return; }
  var lang = (document.documentElement.lang || "en").toLowerCase();
  var primary = lang.split("-")[0];
  var aliases = { fil: ["fil", "tl"], tl: ["fil", "tl"] };
  var wanted = aliases[primary] || [primary];

  function voiceFor() {
    var voices = window.speechSynthesis.getVoices();
    var exact = null;
    var close = null;
    voices.forEach(function (voice) {
      var tag = (voice.lang || "").toLowerCase().replace("_", "-");
      if (tag === lang && !exact) { exact = voice; }
      if (wanted.indexOf(tag.split("-")[0]) !== -1 && !close) { close = voice; }
    });
    return exact || close;
  }

  function textToRead() {
    var copy = article.cloneNode(true);
    copy.querySelectorAll("button, img").forEach(function (node) { node.remove(); });
    return copy.textContent.replace(/\s+/g, " ").trim();
  }

  function reset() { button.textContent = button.dataset.labelListen; }

  function setUp() {
    if (!voiceFor()) { button.hidden = true; return; }
    button.hidden = false;
  }

  button.addEventListener("click", function () {
    var synth = window.speechSynthesis;
    if (synth.speaking) { synth.cancel(); reset(); return; }
    var utterance = new SpeechSynthesisUtterance(textToRead());
    utterance.voice = voiceFor();
    utterance.lang = document.documentElement.lang;
    utterance.onend = reset;
    utterance.onerror = reset;
    button.textContent = button.dataset.labelStop;
    synth.speak(utterance);
  });

  setUp();
  window.speechSynthesis.addEventListener("voiceschanged", setUp);
})();
