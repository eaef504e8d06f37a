// Copy and Share for codes and links; without this script they stay selectable text.
(function () {
  "use strict";
  var all = function (selector) { return document.querySelectorAll(selector); };
  all(".share-field").forEach(function (field) {
    var select = function () { getSelection().selectAllChildren(field); };
    field.addEventListener("focus", select);
    field.addEventListener("click", select);
  });
  if (navigator.clipboard) all("[data-copy]").forEach(function (button) {
    var status = button.parentNode.querySelector("[role=status]");
    button.hidden = false;
    button.addEventListener("click", function () {
      status.textContent = "";
      navigator.clipboard.writeText(button.dataset.copy).then(function () {
        status.textContent = status.dataset.copied;
      }, function () {
        status.textContent = status.dataset.failed;
      });
    });
  });
  if (navigator.share) all("[data-share]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.share(JSON.parse(button.dataset.share)).catch(function () {});  // closed without sharing
    });
  });
})();
