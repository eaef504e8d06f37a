// Passkey ceremonies: the one part of Family Plan that needs JavaScript.
(function () {
  "use strict";

  function toBytes(b64url) {
    var b64 = b64url.replace(/-/g, "+").replace(/_/g, "/");
    var raw = atob(b64 + "===".slice((b64.length + 3) % 4));
    var bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
    return bytes.buffer;
  }

  function toB64url(buffer) {
    var bytes = new Uint8Array(buffer), raw = "";
    for (var i = 0; i < bytes.length; i++) raw += String.fromCharCode(bytes[i]);
    return btoa(raw).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function creationOptions(json) {
    json.challenge = toBytes(json.challenge);
    json.user.id = toBytes(json.user.id);
    (json.excludeCredentials || []).forEach(function (c) { c.id = toBytes(c.id); });
    return json;
  }

  function requestOptions(json) {
    json.challenge = toBytes(json.challenge);
    (json.allowCredentials || []).forEach(function (c) { c.id = toBytes(c.id); });
    return json;
  }

  function credentialJSON(cred) {
    var r = cred.response, out = {
      id: cred.id, rawId: toB64url(cred.rawId), type: cred.type,
      clientExtensionResults: cred.getClientExtensionResults ? cred.getClientExtensionResults() : {},
      authenticatorAttachment: cred.authenticatorAttachment || null,
      response: { clientDataJSON: toB64url(r.clientDataJSON) }
    };
    if (r.attestationObject) {
      out.response.attestationObject = toB64url(r.attestationObject);
      out.response.transports = r.getTransports ? r.getTransports() : [];
    } else {
      out.response.authenticatorData = toB64url(r.authenticatorData);
      out.response.signature = toB64url(r.signature);
      out.response.userHandle = r.userHandle ? toB64url(r.userHandle) : null;
    }
    return out;
  }

  function post(url, body) {
    var token = document.querySelector('meta[name="csrf-token"]').content;
    return fetch(url, {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": token },
      body: JSON.stringify(body || {})
    }).then(function (res) {
      return res.json().catch(function () { return {}; }).then(function (data) {
        if (!res.ok) throw new Error(data.message || "");
        return data;
      });
    });
  }

  function start(form) {
    var mode = form.dataset.passkey;
    var errorBox = form.querySelector("[data-passkey-error]");
    var button = form.querySelector("button[type=submit]");
    var failed = form.querySelector("[data-message-failed]").value;
    var nameInput = form.querySelector("[name=display_name]");
    var passkeyName = form.querySelector("[name=passkey_name]");
    var zone = form.querySelector("[name=time_zone]");  // sign-up and sign-in: the browser's zone (time-zone.js)
    function withZone(body) {
      if (zone) body.time_zone = zone.value;
      return body;
    }
    errorBox.hidden = true;
    button.disabled = true;
    var done;
    if (mode === "signin" || mode === "confirm") {  // confirm: a consent signature
      done = post(form.dataset.optionsUrl).then(function (options) {
        return navigator.credentials.get({ publicKey: requestOptions(options) });
      }).then(function (cred) {
        return post(form.dataset.verifyUrl, withZone({ credential: credentialJSON(cred) }));
      });
    } else {
      done = post(form.dataset.optionsUrl, { display_name: nameInput ? nameInput.value : "" }).then(function (options) {
        return navigator.credentials.create({ publicKey: creationOptions(options) });
      }).then(function (cred) {
        return post(form.dataset.verifyUrl, withZone({
          credential: credentialJSON(cred), passkey_name: passkeyName ? passkeyName.value : ""
        }));
      });
    }
    done.then(function (result) {
      window.location.assign(result.next);
    }).catch(function (err) {
      // A server refusal carries its own words; a cancelled or failed prompt gets the general one.
      errorBox.textContent = (err && err.name === "Error" && err.message) ? err.message : failed;
      errorBox.hidden = false;
      button.disabled = false;
    });
  }

  var form = document.getElementById("passkey-form");
  if (!form) return;
  if (!window.PublicKeyCredential || !navigator.credentials) {
    form.querySelector("[data-passkey-unsupported]").hidden = false;
    form.querySelector("button[type=submit]").disabled = true;
    return;
  }
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    start(form);
  });
  // The button comes disabled: a tap before this script ran would send the form as a plain GET, the name in the address.
  form.querySelector("button[type=submit]").disabled = false;
})();
