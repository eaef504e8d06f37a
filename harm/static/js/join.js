// An invitation link carries its code after '#', so the code never reaches a server log.
(function () {
  "use strict";
  var code = decodeURIComponent(window.location.hash.slice(1));
  var input = document.getElementById("code");
  if (input && /^[A-Za-z0-9-]{10,11}$/.test(code)) {
    input.value = code;
    history.replaceState(null, "", window.location.pathname);
  }
})();
