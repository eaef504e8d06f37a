// Family Plan's service worker. FP_CONFIG (above, from the server) names the version and what to precache.
// Cache policy, by kind of resource:
//   static files        cache-first, in a cache named by the static files' content hash;
//   public guide pages  precached at install (fetched signed out), network first, cache when offline;
//   a family's pages    only when someone on this phone chose "keep", network first, cache when offline;
//   everything else     (use details, consents, account pages, the API) never stored.
"use strict";

const STATIC_CACHE = "fp-static-" + FP_CONFIG.version;
const PUBLIC_CACHE = "fp-public-" + FP_CONFIG.version;
const FAMILY_PREFIX = "fp-family-";
const KEPT = new RegExp(FP_CONFIG.keptFamilyPaths);

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const statics = await caches.open(STATIC_CACHE);
    await statics.addAll(FP_CONFIG.staticFiles);
    const pages = await caches.open(PUBLIC_CACHE);
    // Signed out on purpose: a public page must never keep a person's name or session in the cache.
    await pages.addAll(FP_CONFIG.publicPages.map((url) => new Request(url, { credentials: "omit" })));
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    const names = await caches.keys();
    const stale = names.filter((name) => (name.startsWith("fp-static-") || name.startsWith("fp-public-")) &&
      name !== STATIC_CACHE && name !== PUBLIC_CACHE);
    await Promise.all(stale.map((name) => caches.delete(name)));
    await self.clients.claim();
  })());
});

function familyOf(path) {
  return path.split("/")[2];
}

async function forgetFamily(family) {
  await caches.delete(FAMILY_PREFIX + family);
}

// A refusal or a trip to sign-in means this phone may no longer hold the family's plan.
function refused(response) {
  return response.type === "opaqueredirect" || [401, 403, 404].includes(response.status) ||
    (response.redirected && new URL(response.url).pathname.startsWith("/signin"));
}

async function familyPage(request, path) {
  const family = familyOf(path);
  const kept = await caches.has(FAMILY_PREFIX + family);
  if (!kept) {
    return fetch(request);
  }
  let response;
  try {
    response = await fetch(request);
  } catch (offline) {
    const copy = await caches.match(request.url, { cacheName: FAMILY_PREFIX + family });
    if (copy) {
      return copy;
    }
    throw offline;
  }
  if (refused(response)) {
    await forgetFamily(family);
  } else if (response.ok && !response.redirected) {
    const cache = await caches.open(FAMILY_PREFIX + family);
    await cache.put(request.url, response.clone());
  }
  return response;
}

async function publicPage(request) {
  try {
    return await fetch(request);
  } catch (offline) {
    const copy = await caches.match(new URL(request.url).pathname, { cacheName: PUBLIC_CACHE });
    if (copy) {
      return copy;
    }
    throw offline;
  }
}

// Another address of a kept public page (/emergency/1): offline, redirect to the kept page as the server does.
async function publicAlias(request, target) {
  try {
    return await fetch(request);
  } catch (offline) {
    const url = new URL(request.url);
    return Response.redirect(new URL(target + url.search, self.location.origin).href, 302);
  }
}

async function staticFile(request) {
  const copy = await caches.match(request, { cacheName: STATIC_CACHE });
  if (copy) {
    return copy;
  }
  const response = await fetch(request);
  if (response.ok) {
    const cache = await caches.open(STATIC_CACHE);
    await cache.put(request, response.clone());
  }
  return response;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) {
    return;
  }
  const path = url.pathname;
  if (path.startsWith("/static/")) {
    event.respondWith(staticFile(request));
  } else if (FP_CONFIG.publicPages.includes(path)) {
    event.respondWith(publicPage(request));
  } else if (Object.prototype.hasOwnProperty.call(FP_CONFIG.publicAliases, path)) {
    event.respondWith(publicAlias(request, FP_CONFIG.publicAliases[path]));
  } else if (KEPT.test(path)) {
    event.respondWith(familyPage(request, path));
  }
});

// Messages from the pages: keep a family's pages, or forget one or all of them.
self.addEventListener("message", (event) => {
  const data = event.data || {};
  const reply = (answer) => event.ports[0] && event.ports[0].postMessage(answer);
  if (data.type === "claim") {
    // A page that loaded while this worker was still installing is not controlled, and the claim made at
    // activation can miss it: it asks once it sees the worker active, so its kept plan works offline.
    event.waitUntil(self.clients.claim().then(() => reply({ ok: true })));
  } else if (data.type === "keep") {
    event.waitUntil(keepFamily(data.family, data.urls).then(() => reply({ ok: true }), () => reply({ ok: false })));
  } else if (data.type === "refresh" && Array.isArray(data.urls)) {
    event.waitUntil(refreshKept(data.urls).then(() => reply({ ok: true }), () => reply({ ok: false })));
  } else if (data.type === "forget") {
    event.waitUntil(forgetFamily(data.family).then(() => reply({ ok: true })));
  } else if (data.type === "forget-all") {
    event.waitUntil(forgetAllFamilies().then(() => reply({ ok: true })));
  } else if (data.type === "language") {
    event.waitUntil(keepPublicPagesIn(data.lang).then((ok) => reply({ ok }), () => reply({ ok: false })));
  }
});

// The public pages kept for offline use (the emergency steps, the guides) follow the language the person
// reads: fetched again, still signed out, in that language, once per language change and worker version.
const PUBLIC_LANGUAGE_KEY = "/sw-public-pages-language";

async function keepPublicPagesIn(lang) {
  if (typeof lang !== "string" || !/^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8}){0,3}$/.test(lang)) {
    return false;
  }
  const pages = await caches.open(PUBLIC_CACHE);
  const marker = await pages.match(PUBLIC_LANGUAGE_KEY);
  if (marker && (await marker.text()) === lang) {
    return true;
  }
  const fresh = await Promise.all(FP_CONFIG.publicPages.map((url) =>
    fetch(url, { credentials: "omit", headers: { "Accept-Language": lang } })));
  if (!fresh.every((response) => response.ok && !response.redirected)) {
    return false;
  }
  await Promise.all(FP_CONFIG.publicPages.map((url, i) => pages.put(url, fresh[i])));
  await pages.put(PUBLIC_LANGUAGE_KEY, new Response(lang));
  return true;
}

// Every page arrives, or none is kept: a cache that exists is a plan a page may call "kept".
async function keepFamily(family, urls) {
  const allowed = urls.filter((url) => KEPT.test(url) && familyOf(url) === family);
  if (!allowed.length || allowed.length !== urls.length) {
    throw new Error("not a page of this family");
  }
  const pages = await Promise.all(allowed.map((url) => fetch(url, { credentials: "same-origin", cache: "no-store" })));
  if (!pages.every((page) => page.ok && !page.redirected)) {
    throw new Error("a page did not arrive");
  }
  try {
    const cache = await caches.open(FAMILY_PREFIX + family);
    await Promise.all(allowed.map((url, i) => cache.put(url, pages[i])));
  } catch (full) {
    await forgetFamily(family);
    throw full;
  }
}

// After an edit is saved: the kept copies of its pages take the new version (only for a family kept here).
async function refreshKept(urls) {
  for (const url of urls.filter((one) => typeof one === "string" && KEPT.test(one))) {
    const family = familyOf(url);
    if (!(await caches.has(FAMILY_PREFIX + family))) {
      continue;
    }
    const response = await fetch(url, { credentials: "same-origin", cache: "no-store", redirect: "manual" });
    if (refused(response)) {
      await forgetFamily(family);
    } else if (response.ok) {
      await (await caches.open(FAMILY_PREFIX + family)).put(url, response);
    }
  }
}

async function forgetAllFamilies() {
  const names = await caches.keys();
  await Promise.all(names.filter((name) => name.startsWith(FAMILY_PREFIX)).map((name) => caches.delete(name)));
}

// Push: the payload is already neutral unless the person chose details, and carries the device's neutral name.
self.addEventListener("push", (event) => {
  let message = {};
  try {
    // The server pads every message with spaces to one size; they are JSON whitespace, dropped by the parse.
    message = event.data ? JSON.parse(event.data.text().trimEnd()) : {};
  } catch (notJson) {
    message = {};
  }
  const title = message.title || "Family Plan";
  event.waitUntil(self.registration.showNotification(title, {
    body: message.body || "",
    tag: message.tag || "family-plan",
    data: { url: safeUrl(message.url) },
    icon: safeIcon(message.icon),
    badge: safeIcon(message.badge),
  }));
});

// The device's neutral icon (discreet mode) when the payload names one of ours.
function safeIcon(icon) {
  return typeof icon === "string" && /^\/static\/icons\/[\w\/.-]+\.png$/.test(icon) && !icon.includes("..")
    ? icon : "/static/icons/icon-192.png";
}

// Only a path on this site: a payload can never send the person somewhere else.
function safeUrl(url) {
  return typeof url === "string" && url.startsWith("/") && !url.startsWith("//") ? url : "/reminders";
}

async function openFromNotification(notification) {
  const url = safeUrl((notification.data || {}).url);
  notification.close();
  const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
  for (const client of windows) {
    if ("navigate" in client) {
      // Focus is only allowed inside a real notification click; going to the page matters more.
      await client.focus().catch(() => undefined);
      return client.navigate(url);
    }
  }
  return self.clients.openWindow(url);
}

self.addEventListener("notificationclick", (event) => {
  event.waitUntil(openFromNotification(event.notification));
});

// For the tests and for a page that wants to show what a tap would open.
self.fpOpenFromNotification = openFromNotification;
self.fpSafeUrl = safeUrl;
