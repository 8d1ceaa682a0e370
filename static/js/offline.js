// The installable app on every page: registers the service worker, shows "Offline copy from <time>",
// turns the data saver on for slow links, keeps resources' documents for offline reading, holds the
// rooms' outbox in IndexedDB (window.tcOutbox, used by room.js) and clears this account's caches and
// outbox on sign-out. Everything here is an enhancement: without it the pages work as they are.
(() => {
  "use strict";
  const root = document.documentElement;
  const key = root.dataset.offlineKey || "public";
  const me = document.currentScript;

  // --- the outbox: one IndexedDB database per account, posts keyed by client_id ---
  const dbName = `tc-outbox-${key}`;
  const openDb = () => new Promise((resolve, reject) => {
    const req = indexedDB.open(dbName, 1);
    req.onupgradeneeded = () => req.result.createObjectStore("posts", { keyPath: "client_id" });
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  const inStore = (mode, work) => openDb().then((db) => new Promise((resolve, reject) => {
    const tx = db.transaction("posts", mode);
    const req = work(tx.objectStore("posts"));
    tx.oncomplete = () => { db.close(); resolve(req && req.result); };
    tx.onerror = () => { db.close(); reject(tx.error); };
    tx.onabort = () => { db.close(); reject(tx.error); };
  }));
  if (window.indexedDB && key !== "public") {
    window.tcOutbox = {
      list: (room) => inStore("readonly", (s) => s.getAll())
        .then((items) => (items || []).filter((i) => i.room === room).sort((a, b) => a.created - b.created)),
      put: (item) => inStore("readwrite", (s) => s.put(item)),
      remove: (clientId) => inStore("readwrite", (s) => s.delete(clientId)),
    };
  }

  // --- sign-out: nothing of this account stays (the response also sends Clear-Site-Data) ---
  async function forget() {
    const names = window.caches ? await caches.keys() : [];
    await Promise.all(names.filter((n) => n === `pages-${key}` || n === `docs-${key}` || n === "meta").map((n) => caches.delete(n)));
    if (window.indexedDB) await new Promise((resolve) => { const r = indexedDB.deleteDatabase(dbName); r.onsuccess = r.onerror = r.onblocked = () => resolve(); });
    for (const k of Object.keys(localStorage)) if (k.startsWith("tc-outbox-")) localStorage.removeItem(k);
    if (navigator.serviceWorker && navigator.serviceWorker.controller) navigator.serviceWorker.controller.postMessage({ type: "signed-out" });
  }
  // Started as the form goes, without holding the sign-out back; the response's Clear-Site-Data
  // finishes the job (and covers a tab that closes first).
  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (form.classList && form.classList.contains("logout-form") && !event.defaultPrevented) forget().catch(() => {});
  });

  // --- the service worker ---
  if ("serviceWorker" in navigator && me && me.dataset.swUrl) {
    navigator.serviceWorker.register(me.dataset.swUrl, { scope: "/" }).catch(() => { /* no worker: pages work as before */ });
  }

  // --- data saver: automatic on a data-saving or slow connection (the server renders lighter pages) ---
  const conn = navigator.connection;
  if (conn) {
    const slow = conn.saveData || ["slow-2g", "2g"].includes(conn.effectiveType);
    const hasCookie = /(?:^|; )tc_saver=1/.test(document.cookie);
    if (slow && !hasCookie) document.cookie = "tc_saver=1; path=/; max-age=86400; SameSite=Lax";
    if (!slow && hasCookie && conn.effectiveType === "4g") document.cookie = "tc_saver=; path=/; max-age=0; SameSite=Lax";
  }

  function ready() {
    if (!navigator.onLine) root.classList.add("is-offline");
    window.addEventListener("offline", () => root.classList.add("is-offline"));
    window.addEventListener("online", () => root.classList.remove("is-offline"));

    // --- "Offline copy from <time>": the worker wrote the time it stored the copy into the page ---
    const notice = document.getElementById("offline-notice");
    if (notice && notice.dataset.offlineAt) {
      const at = new Date(notice.dataset.offlineAt);
      let time = notice.dataset.offlineAt;
      try { time = new Intl.DateTimeFormat(root.lang || undefined, { dateStyle: "medium", timeStyle: "short" }).format(at); } catch { /* keep ISO */ }
      notice.textContent = notice.dataset.template.replace("%(time)s", time);
      notice.hidden = false;
    }

    // --- data saver: an image loads when its "Show image" link is tapped ---
    document.addEventListener("click", (event) => {
      const link = event.target.closest && event.target.closest("a.saver-image[data-src]");
      if (!link) return;
      event.preventDefault();
      const img = document.createElement("img");
      img.src = link.dataset.src;
      img.alt = link.dataset.alt || "";
      img.className = link.dataset.class || "";
      link.replaceWith(img);
    });

    if (window.caches && key !== "public") keepForOffline();
  }

  // --- documents kept for offline reading ---
  function keepForOffline() {
    const docs = `docs-${key}`;
    const section = document.querySelector("[data-offline-docs]");
    if (section) {
      const s = section.dataset;
      const live = section.querySelector("[data-part=live]");
      caches.open(docs).then(async (cache) => {
        for (const link of section.querySelectorAll('a[href^="/documents/"]')) {
          const href = new URL(link.href, location.href).href;
          const button = document.createElement("button");
          button.type = "button";
          button.className = "button small keep-offline";
          const label = (kept) => {
            button.textContent = kept ? s.remove : s.keep;
            button.setAttribute("aria-pressed", kept ? "true" : "false");
          };
          label(Boolean(await cache.match(href)));
          button.addEventListener("click", async () => {
            const kept = button.getAttribute("aria-pressed") === "true";
            try {
              if (kept) { await cache.delete(href); live.textContent = s.removed; }
              else { await cache.add(href); localStorage.setItem(`tc-doc-${href}`, link.textContent.trim()); live.textContent = s.kept; }
              label(!kept);
            } catch { live.textContent = s.failed; }
          });
          link.after(" ", button);
        }
      });
    }
    const list = document.getElementById("kept-documents");
    if (list) {
      const ul = list.querySelector("ul");
      const empty = list.querySelector(".kept-empty");
      const live = list.querySelector("[data-part=live]");
      const draw = async () => {
        const cache = await caches.open(docs);
        const requests = await cache.keys();
        ul.textContent = "";
        for (const req of requests) {
          const li = ul.appendChild(document.createElement("li"));
          const a = li.appendChild(document.createElement("a"));
          a.href = req.url;
          a.textContent = localStorage.getItem(`tc-doc-${req.url}`) || decodeURIComponent(new URL(req.url).pathname.split("/").pop());
          const remove = document.createElement("button");
          remove.type = "button";
          remove.className = "button small";
          remove.textContent = list.dataset.remove;
          remove.setAttribute("aria-label", `${list.dataset.remove}: ${a.textContent}`);
          remove.addEventListener("click", async () => {
            await cache.delete(req.url);
            localStorage.removeItem(`tc-doc-${req.url}`);
            live.textContent = list.dataset.removed;
            await draw();
            (ul.querySelector("button") || list.querySelector("h2")).focus();
          });
          li.append(" ", remove);
        }
        empty.textContent = requests.length ? "" : list.dataset.empty;
        list.hidden = false;
      };
      list.querySelector("h2").tabIndex = -1;
      draw();
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready); else ready();
})();
