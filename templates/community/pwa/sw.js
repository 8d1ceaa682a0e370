// Teacher Commons service worker (hand-written, no framework).
// The app shell is kept at install. Pages the server marks with X-Offline-Key (rooms, resources,
// the project workspace) are fetched from the network first and a copy is kept in the cache of that
// account ("pages-<key>"); with the link down the copy is served with the time it was stored, and the
// page shows "Offline copy from <time>". Documents kept for offline ("docs-<key>") are served from the
// cache. A response for another account drops every other account's caches; sign-out clears them all.
const VERSION = "__VERSION__";
const SHELL = `shell-${VERSION}`;
const SHELL_URLS = {{ shell_json|safe }};
const OFFLINE_PAGES = {{ offline_json|safe }};
const DEFAULT_LANG = {{ default_lang|safe }};
const KEY_HEADER = "X-Offline-Key";
const STORED_HEADER = "X-Offline-Stored";
const META = "meta";
let currentKey = null;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(SHELL)
      // the offline pages without cookies: they name nobody, so they may serve any account
      .then((cache) => cache.addAll(SHELL_URLS.concat(Object.values(OFFLINE_PAGES)).map((u) => new Request(u, { credentials: "omit" }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("shell-") && k !== SHELL).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

async function storedKey() {
  if (currentKey) return currentKey;
  const meta = await caches.open(META);
  const hit = await meta.match("/__offline-key");
  currentKey = hit ? await hit.text() : null;
  return currentKey;
}

async function setKey(key) {
  if (key === currentKey) return;
  currentKey = key;
  const meta = await caches.open(META);
  await meta.put("/__offline-key", new Response(key));
  // Never keep one account's pages where another account (or a visitor) now reads.
  const keys = await caches.keys();
  await Promise.all(keys.filter((k) => /^(pages|docs)-/.test(k) && k !== `pages-${key}` && k !== `docs-${key}`).map((k) => caches.delete(k)));
}

function langOf(url) {
  const first = new URL(url).pathname.split("/")[1];  // "/az/rooms/1/" -> "az"
  return OFFLINE_PAGES[first] ? first : DEFAULT_LANG;
}

async function keep(request, response) {
  const key = response.headers.get(KEY_HEADER);
  if (!key) return;
  await setKey(key);
  const headers = new Headers(response.headers);
  headers.set(STORED_HEADER, new Date().toISOString());
  const body = await response.blob();
  const cache = await caches.open(`pages-${key}`);
  await cache.put(request.url, new Response(body, { status: 200, headers }));
}

async function fromCopy(request) {
  const key = await storedKey();
  const copy = key ? await (await caches.open(`pages-${key}`)).match(request.url) : null;
  if (copy) {
    const stored = copy.headers.get(STORED_HEADER) || "";
    const html = (await copy.text()).replace('data-offline-at=""', `data-offline-at="${stored}"`);
    return new Response(html, { status: 200, headers: { "Content-Type": "text/html; charset=utf-8" } });
  }
  const shell = await caches.open(SHELL);
  const fallback = await shell.match(OFFLINE_PAGES[langOf(request.url)]);
  return fallback || new Response("Offline", { status: 503, headers: { "Content-Type": "text/plain" } });
}

async function navigate(event) {
  try {
    const response = await fetch(event.request);
    if (response.ok && response.headers.get(KEY_HEADER)) event.waitUntil(keep(event.request, response.clone()));
    return response;
  } catch (err) {
    return fromCopy(event.request);
  }
}

async function keptDocument(request) {
  const key = await storedKey();
  if (key) {
    const kept = await (await caches.open(`docs-${key}`)).match(request.url);
    if (kept) return kept;
  }
  return fetch(request);
}

async function shellAsset(request) {
  try {
    return await fetch(request);
  } catch (err) {
    const hit = await (await caches.open(SHELL)).match(request.url);
    if (hit) return hit;
    throw err;
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return; // posts go to the network, never to a cache
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith("/admin/") || url.pathname.startsWith("/django-admin/")) return;
  if (request.mode === "navigate") { event.respondWith(navigate(event)); return; }
  if (url.pathname.startsWith("/documents/")) { event.respondWith(keptDocument(request)); return; }
  if (SHELL_URLS.includes(url.pathname)) event.respondWith(shellAsset(request));
});

self.addEventListener("message", (event) => {
  // sign-out in a page: forget the account at once (the page deletes its caches itself)
  if (event.data && event.data.type === "signed-out") { currentKey = null; event.waitUntil(caches.delete(META)); }
});
