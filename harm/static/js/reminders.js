// Reminders page: fill in the phone's time zone, and turn on push for this phone.
(function () {
  "use strict";
  var zone = document.getElementById("timezone");
  if (zone && !zone.value && window.Intl) {
    zone.value = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  }
  var box = document.getElementById("push-devices");
  if (!box || !("serviceWorker" in navigator) || !("PushManager" in window)) { return; }
  var status = box.querySelector(".push-status");
  var button = box.querySelector(".push-on");

  function say(key) { status.textContent = box.getAttribute(key); status.hidden = false; }

  function keyBytes(text) {
    var raw = atob(text.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((text.length + 3) % 4));
    return Uint8Array.from(raw, function (ch) { return ch.charCodeAt(0); });
  }

  // A push service that cannot be reached never answers: give up after a while instead of waiting forever.
  function within(ms, promise) {
    return Promise.race([promise, new Promise(function (_, reject) { setTimeout(reject, ms, new Error("timeout")); })]);
  }

  function csrf() { return document.querySelector('meta[name="csrf-token"]').getAttribute("content"); }

  function turnOn() {
    button.disabled = true;
    Notification.requestPermission().then(function (permission) {
      if (permission !== "granted") { throw new Error("blocked"); }
      return fetch(box.getAttribute("data-key-url"), { credentials: "same-origin" });
    }).then(function (response) { return response.json(); }).then(function (key) {
      return navigator.serviceWorker.ready.then(function (registration) {
        return within(15000, registration.pushManager.subscribe({
          userVisibleOnly: true, applicationServerKey: keyBytes(key.public_key),
        }));
      });
    }).then(function (subscription) {
      var body = subscription.toJSON();
      body.device = navigator.userAgent.indexOf("Mobile") >= 0 ? "Phone" : "Computer";
      return fetch(box.getAttribute("data-subscribe-url"), {
        method: "POST", credentials: "same-origin", body: JSON.stringify(body),
        headers: { "Content-Type": "application/json", "X-CSRFToken": csrf() },
      });
    }).then(function (response) {
      if (!response.ok) { throw new Error("refused"); }
      window.location.reload();
    }).catch(function (error) {
      button.disabled = false;
      say(error.message === "blocked" ? "data-blocked" : "data-failed");
    });
  }

  navigator.serviceWorker.ready.then(function (registration) {
    return registration.pushManager.getSubscription();
  }).then(function (subscription) {
    say(subscription ? "data-on" : "data-off");
    button.hidden = Boolean(subscription);
  });
  button.addEventListener("click", turnOn);
})();
