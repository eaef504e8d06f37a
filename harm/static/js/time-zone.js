// The browser's own time zone in each form's hidden field: sign-up and a first sign-in keep it for the account.
// Without JavaScript the field stays empty and the account shows UTC until the person picks a zone.
(function () {
  "use strict";
  var zone = "";
  try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone || ""; } catch (e) { return; }
  var fields = document.querySelectorAll("input[data-browser-zone]");
  for (var i = 0; i < fields.length; i++) fields[i].value = zone;
})();
