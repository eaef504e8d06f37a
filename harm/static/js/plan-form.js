// Plan forms, a little quicker with JavaScript; each works without it (the server does the same by a save).
(function () {
  "use strict";

  // "Add another": a new empty row in place, its first field focused, no reload.
  function addRow(button) {
    var list = button.closest("[data-list]");
    var rows = list.querySelectorAll(":scope > .row");
    var last = rows[rows.length - 1];
    var blank = last && !Array.prototype.some.call(last.querySelectorAll("input, textarea"), function (field) {
      return (field.type === "checkbox" || field.type === "radio") ? field.checked : field.value.trim() !== "";
    });
    if (!blank) {
      var html = list.querySelector("template[data-row]").innerHTML.replace(/__i__/g, String(rows.length));
      last.insertAdjacentHTML("afterend", html);
      last = last.nextElementSibling;
      if (rows.length + 1 >= Number(list.getAttribute("data-max"))) { button.hidden = true; }
    }
    var first = last.querySelector("input, textarea");
    if (first) { first.focus(); }
  }

  // "All of these" ticks every box of its group; the server reads it the same way without JavaScript.
  function syncAll(box) {
    var group = box.closest("fieldset");
    var all = group.querySelector("[data-all]");
    var boxes = group.querySelectorAll('input[type=checkbox]:not([data-all])');
    if (box === all) {
      boxes.forEach(function (each) { each.checked = all.checked; });
    } else if (all) {
      all.checked = Array.prototype.every.call(boxes, function (each) { return each.checked; });
    }
  }

  document.addEventListener("click", function (event) {
    var add = event.target.closest("[data-add-row]");
    if (add) {
      event.preventDefault();
      addRow(add);
    } else if (event.target.closest("[data-print]")) {
      window.print();
    }
  });
  document.addEventListener("change", function (event) {
    if (event.target.type === "checkbox" && event.target.closest("fieldset") &&
        event.target.closest("fieldset").querySelector("[data-all]")) {
      syncAll(event.target);
    }
  });
  document.querySelectorAll("[data-print]").forEach(function (button) { button.hidden = false; });
}());
