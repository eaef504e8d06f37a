// The browser's own time zone in each form's hidden field: sign-up and a first sign-in keep it for the account.
// Without JavaScript the field stays empty and the account shows UTC until the person picks a zone.
(function () {
  "use strict";
  var zone = "";
  try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone || ""; } catch (e) { return; }
  var fields = document.querySelectorAll("input[data-browser-zone]");
  for (var i = 0; i < fields.length; i++) fields[i].value = zone;
})();

// My account's picker lists a few zones; "Show all time zones" adds every other one in place, from a list the
// browser keeps. Without JavaScript (or if the list cannot be had) the link opens the page with every zone.
(function () {
  "use strict";
  var link = document.querySelector("a[data-every-zone]");
  var picker = document.getElementById("time_zone");
  if (!link || !picker || !window.fetch) return;
  link.addEventListener("click", function (event) {
    event.preventDefault();
    fetch(link.getAttribute("data-every-zone"), { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) throw new Error(String(response.status));
      return response.json();
    }).then(function (answer) {
      var listed = {};
      for (var i = 0; i < picker.options.length; i++) {
        listed[picker.options[i].value] = true;
        listed[" " + picker.options[i].text] = true;  // an alias reads the same as a zone already listed
      }
      var group = document.createElement("optgroup");
      group.label = link.getAttribute("data-group");
      answer.zones.forEach(function (zone) {
        if (listed[zone.name] || listed[" " + zone.label]) return;
        var option = document.createElement("option");
        option.value = zone.name;
        option.textContent = zone.label;
        group.appendChild(option);
      });
      picker.appendChild(group);
      link.parentNode.hidden = true;
      picker.focus();
    }).catch(function () { window.location.assign(link.href); });
  });
})();
