// Page side of the offline app: registers the service worker, "keep on this phone", clearing on sign-out,
// and the outbox of edits made with no network (sent later through the same version check as online edits).
(function () {
  "use strict";
  var FAMILY_PREFIX = "fp-family-";
  var KEPT_BY = "fp-kept-by";

  function account() {
    return document.body.getAttribute("data-account") || "";
  }

  // ---- the service worker ------------------------------------------------------------------------
  function askWorker(message) {
    return navigator.serviceWorker.ready.then(function (registration) {
      return new Promise(function (resolve) {
        var channel = new MessageChannel();
        channel.port1.onmessage = function (event) { resolve(event.data || {}); };
        registration.active.postMessage(message, [channel.port2]);
      });
    });
  }

  function forgetAllFamilies() {
    if (!window.caches) { return Promise.resolve(); }
    return caches.keys().then(function (names) {
      return Promise.all(names.filter(function (name) { return name.indexOf(FAMILY_PREFIX) === 0; })
        .map(function (name) { return caches.delete(name); }));
    });
  }

  // At each contact with the server: signed out (here or everywhere), or someone else signed in on this
  // phone, and no family's plan stays here.
  function checkKeeper() {
    var keeper = localStorage.getItem(KEPT_BY);
    if (!keeper) { return Promise.resolve(); }
    // A page rendered for an account already says who is signed in: no extra request on a slow network.
    // A page with no account may be a public page kept signed out on purpose, so only then ask the server.
    if (account()) { return account() === keeper ? Promise.resolve() : forgetKept(); }
    if (!navigator.onLine) { return Promise.resolve(); }
    return fetch("/api/v1/me", { credentials: "same-origin", cache: "no-store" }).then(function (response) {
      if (response.status === 401) { return null; }
      return response.ok ? response.json() : { id: keeper };
    }).then(function (me) {
      if (!me || me.id !== keeper) { return forgetKept(); }
    }).catch(function () { /* no signal: decide at the next contact */ });
  }

  function forgetKept() {
    localStorage.removeItem(KEPT_BY);
    return forgetAllFamilies();
  }

  function watchSignOut() {
    document.addEventListener("submit", function (event) {
      var action = event.target.getAttribute("action") || "";
      if (/\/signout(\/everywhere)?$/.test(action)) {
        localStorage.removeItem(KEPT_BY);
        forgetAllFamilies();
      }
    }, true);
  }

  // ---- keep plans on this phone: one family (its plan page) or today's visits (the caseload) ---------
  function setupKeep(box, families) {
    if (!("serviceWorker" in navigator) || !window.caches) { box.hidden = true; return; }
    var status = box.querySelector(".keep-status");
    var keep = box.querySelector(".keep-button");
    var clear = box.querySelector(".clear-button");

    function show(kept, failed) {
      status.textContent = box.getAttribute(failed ? "data-failed" : kept ? "data-kept" : "data-not-kept");
      keep.hidden = kept;
      clear.hidden = !kept;
    }
    function eachFamily(message) {
      return families.reduce(function (previous, one) {
        return previous.then(function (allOk) {
          return askWorker(message(one)).then(function (answer) { return allOk && Boolean(answer.ok); });
        });
      }, Promise.resolve(true));
    }
    Promise.all(families.map(everyPageKept))
      .then(function (kept) { show(kept.every(Boolean), false); box.hidden = false; });
    keep.addEventListener("click", function () {
      keep.disabled = true;
      eachFamily(function (one) { return { type: "keep", family: one.family, urls: one.urls }; }).then(function (ok) {
        keep.disabled = false;
        if (ok) { localStorage.setItem(KEPT_BY, account()); }
        show(ok, !ok);
      });
    });
    clear.addEventListener("click", function () {
      eachFamily(function (one) { return { type: "forget", family: one.family }; }).then(function () { show(false, false); });
    });
  }

  // "Kept" only when every page of the family is in its cache: a keep that failed partway is not kept.
  function everyPageKept(one) {
    return caches.has(FAMILY_PREFIX + one.family).then(function (exists) {
      if (!exists) { return false; }
      return caches.open(FAMILY_PREFIX + one.family).then(function (cache) {
        return Promise.all(one.urls.map(function (url) { return cache.match(url); }));
      }).then(function (copies) { return copies.every(Boolean); });
    });
  }

  function setupKeepBoxes() {
    var one = document.getElementById("keep-offline");
    if (one) {
      setupKeep(one, [{ family: one.getAttribute("data-family"), urls: JSON.parse(one.getAttribute("data-urls")) }]);
    }
    var today = document.getElementById("keep-today");
    if (today) { setupKeep(today, JSON.parse(today.getAttribute("data-families"))); }
  }

  // ---- the outbox: edits made offline -------------------------------------------------------------
  var DB_NAME = "fp-outbox";
  var STORE = "edits";
  var RETRY_MS = 4000;
  var WORKER_WAIT_MS = 5000;

  function openOutbox() {
    return new Promise(function (resolve, reject) {
      var request = indexedDB.open(DB_NAME, 1);
      request.onupgradeneeded = function () {
        request.result.createObjectStore(STORE, { keyPath: "id", autoIncrement: true });
      };
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { reject(request.error); };
    });
  }

  function withStore(mode, work) {
    return openOutbox().then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction(STORE, mode);
        var result = work(tx.objectStore(STORE));
        tx.oncomplete = function () { db.close(); resolve(result && "result" in result ? result.result : result); };
        tx.onerror = function () { db.close(); reject(tx.error); };
      });
    });
  }

  function allEdits() { return withStore("readonly", function (store) { return store.getAll(); }); }
  function putEdit(edit) { return withStore("readwrite", function (store) { return store.put(edit); }); }
  function dropEdit(id) { return withStore("readwrite", function (store) { return store.delete(id); }); }

  var outbox = null;

  function say(text, links, kind) {
    if (!outbox) { return; }
    outbox.hidden = !text;
    outbox.className = "outbox" + (kind ? " " + kind : "");
    outbox.querySelector(".outbox-text").textContent = text || "";
    var list = outbox.querySelector(".outbox-links");
    list.textContent = "";
    (links || []).forEach(function (edit) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = edit.url;
      link.textContent = edit.label;
      item.appendChild(link);
      list.appendChild(item);
    });
  }

  function describe(edits) {
    var waiting = edits.filter(function (edit) { return edit.state === "waiting"; });
    var troubled = edits.filter(function (edit) { return edit.state === "conflict" || edit.state === "needs-fix"; });
    if (troubled.length) {
      var key = troubled.some(function (edit) { return edit.state === "conflict"; }) ? "data-conflict" : "data-needs-fix";
      say(outbox.getAttribute(key), troubled, "conflict");
    } else if (waiting.length) {
      say(outbox.getAttribute("data-waiting").replace("{count}", String(waiting.length)), [], "");
    } else {
      say("", [], "");
    }
    showsWaiting = waiting.length > 0;
  }

  function refresh() { return allEdits().then(describe); }

  // Another page sent the edits this page showed as waiting: say they are saved here too.
  var showsWaiting = false;
  var newsWhileSending = false;
  function hearNews() {
    var wasWaiting = showsWaiting;
    return allEdits().then(function (edits) {
      describe(edits);
      if (wasWaiting && !edits.length) { say(outbox.getAttribute("data-sent"), [], ""); }
    });
  }

  function queue(form, submitter) {
    var data = new FormData(form);
    if (submitter && submitter.name) { data.append(submitter.name, submitter.value); }
    var heading = document.querySelector("h1");
    return putEdit({
      url: form.getAttribute("action") || window.location.pathname,
      body: new URLSearchParams(data).toString(),
      label: heading ? heading.textContent : document.title,
      from: window.location.pathname,
      state: "waiting",
      createdAt: new Date().toISOString(),
    }).then(function () {
      return allEdits();
    }).then(function (edits) {
      describe(edits);
      say(outbox.getAttribute("data-queued") + " " + outbox.querySelector(".outbox-text").textContent, [], "");
    });
  }

  var sending = false;
  // The other open pages of the app hear when the outbox changed, and show it.
  var outboxNews = window.BroadcastChannel ? new BroadcastChannel("fp-outbox") : null;

  // One outbox for every open page: only the page holding the lock sends, so no edit goes twice.
  function withOutboxLock(work) {
    if (!navigator.locks) { return work(); }
    return navigator.locks.request("fp-outbox-send", { ifAvailable: true }, function (lock) {
      return lock ? work() : refresh();  // another page is sending: it says so when done
    });
  }

  function flush() {
    if (sending) { return Promise.resolve(); }
    sending = true;
    return withOutboxLock(sendWaiting).catch(function () { return refresh(); }).then(function () {
      sending = false;
      if (outboxNews) { outboxNews.postMessage("changed"); }
      if (newsWhileSending) { newsWhileSending = false; return hearNews(); }
      return null;
    });
  }

  // One at a time, oldest first, read afresh inside the lock; no answer from the server stops the round.
  function sendWaiting() {
    return allEdits().then(function (edits) {
      var waiting = edits.filter(function (edit) { return edit.state === "waiting"; });
      if (!waiting.length) { return null; }
      return reachable().then(function (online) {
        if (!online) { throw new Error("offline"); }
        say(outbox.getAttribute("data-sending"), [], "");
        return waiting.reduce(function (previous, edit) {
          return previous.then(function () { return send(edit); });
        }, Promise.resolve());
      }).then(function () {
        return allEdits().then(function (left) {
          if (!left.length) { say(outbox.getAttribute("data-sent"), [], ""); } else { describe(left); }
        });
      });
    });
  }

  // After an edit is saved, the kept copies of its page and the plan's overview carry the new version, so the
  // next offline edit starts from it (not from the version this edit replaced).
  function refreshKept(edit) {
    if (!("serviceWorker" in navigator) || !navigator.serviceWorker.controller) { return Promise.resolve(); }
    var family = edit.url.split("/").slice(0, 3).join("/");
    var urls = [edit.url, edit.from || edit.url, family].filter(function (url, i, all) {
      return all.indexOf(url) === i;
    });
    var late = new Promise(function (resolve) { window.setTimeout(resolve, WORKER_WAIT_MS); });
    // An older worker may not answer: the edit is sent all the same, the copy is refreshed at the next visit.
    return Promise.race([askWorker({ type: "refresh", urls: urls }), late]);
  }

  function send(edit) {
    return fetch(edit.url, {
      method: "POST", body: edit.body, credentials: "same-origin", redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    }).then(function (response) {
      if (response.type === "opaqueredirect" || response.ok) {
        return dropEdit(edit.id).then(function () { return refreshKept(edit); });
      }
      if (response.status === 409 || response.status === 422) {
        return response.text().then(function (html) {
          edit.state = response.status === 409 ? "conflict" : "needs-fix";
          edit.page = html;
          return putEdit(edit);
        });
      }
      if ([401, 403, 404].indexOf(response.status) >= 0) {
        say(outbox.getAttribute("data-refused"), [], "conflict");
        return dropEdit(edit.id);
      }
      throw new Error("try later");
    });
  }

  // A conflict saved in the outbox: show the server's answer (their newer text beside ours) on its page.
  function showStoredAnswer(edits) {
    var here = edits.filter(function (edit) {
      return edit.page && edit.url === window.location.pathname;
    })[0];
    if (!here) { return; }
    var answer = new DOMParser().parseFromString(here.page, "text/html").getElementById("main");
    var main = document.getElementById("main");
    if (answer && main) {
      main.replaceChildren.apply(main, Array.prototype.slice.call(answer.childNodes).map(function (node) {
        return document.importNode(node, true);
      }));
      main.prepend(outbox);
      main.setAttribute("data-outbox-id", String(here.id));
    }
  }

  // navigator.onLine can say "online" with no network at all: ask the server instead (never cached).
  function reachable() {
    // Without cookies: a late answer must never put back an older session cookie after a sign-in.
    return fetch("/manifest.webmanifest", { cache: "no-store", credentials: "omit" })
      .then(function () { return true; }, function () { return false; });
  }

  function submitForReal(form, submitter) {
    if (submitter && submitter.name) {
      var extra = document.createElement("input");
      extra.type = "hidden";
      extra.name = submitter.name;
      extra.value = submitter.value;
      form.appendChild(extra);
    }
    HTMLFormElement.prototype.submit.call(form);
  }

  function setupOutbox() {
    outbox = document.getElementById("outbox");
    if (!outbox || !window.indexedDB || !window.fetch) { return; }
    document.addEventListener("submit", function (event) {
      var form = event.target;
      if (!form.hasAttribute("data-offline-queue")) { return; }
      event.preventDefault();
      var submitter = event.submitter;
      var main = document.getElementById("main");
      var shown = main && main.getAttribute("data-outbox-id");
      reachable().then(function (online) {
        // A compare page's stored copy has done its job once its form is saved or queued again.
        var done = shown ? dropEdit(Number(shown)) : Promise.resolve();
        return done.then(function () {
          return online ? submitForReal(form, submitter) : queue(form, submitter);
        });
      });
    });
    window.addEventListener("online", flush);
    // News heard during this page's own round is read once the round ends, or this page would go on showing
    // edits another page has sent as waiting.
    if (outboxNews) {
      outboxNews.onmessage = function () { if (sending) { newsWhileSending = true; } else { hearNews(); } };
    }
    // Some browsers never say "online" again: while edits wait, try every few seconds.
    window.setInterval(function () {
      allEdits().then(function (edits) {
        if (edits.some(function (edit) { return edit.state === "waiting"; })) { flush(); }
      });
    }, RETRY_MS);
    allEdits().then(function (edits) {
      showStoredAnswer(edits);
      describe(edits);
      return flush();
    });
  }

  // ---- the offline emergency steps and guides in the language shown here --------------------------
  function keepPublicPagesInThisLanguage() {
    var lang = document.documentElement.getAttribute("lang");
    if (!lang || !("serviceWorker" in navigator)) { return; }
    askWorker({ type: "language", lang: lang }).catch(function () { /* the English copies stay */ });
  }

  // ---- start -----------------------------------------------------------------------------------------
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(function () { /* the site still works */ });
    navigator.serviceWorker.ready.then(function () {
      if (!navigator.serviceWorker.controller) { askWorker({ type: "claim" }); }
    });
  }
  checkKeeper();
  watchSignOut();
  setupKeepBoxes();
  setupOutbox();
  keepPublicPagesInThisLanguage();
  window.fpOutbox = { flush: flush, all: allEdits };
})();
