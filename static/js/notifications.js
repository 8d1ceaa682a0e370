// Live notifications on signed-in pages: bump the header badge, announce the title politely.
// Room pages: room.js holds the tab's one socket (<html data-socket>) and calls window.tcNotify.
(() => {
  const live = document.getElementById("notification-live");
  const path = (document.currentScript && document.currentScript.dataset.wsUrl) || "/ws/";
  window.tcNotify = (n) => {
    const badge = document.getElementById("notification-count");
    if (badge) {
      badge.dataset.count = (Number(badge.dataset.count || badge.textContent) || 0) + 1;
      badge.textContent = badge.dataset.count;
      badge.classList.remove("dc-zero");
    }
    if (live && n && n.title) {
      live.textContent = "";
      setTimeout(() => { live.textContent = n.title; }, 50);
    }
  };
  // the inbox's unread badges (room pages keep their own, in room.js)
  window.tcUnread = (room, unread) => {
    const holder = document.querySelector(`[data-room-unread-for="${Number(room)}"][data-unread-label]`);
    if (!holder) return;
    if (!unread) { holder.replaceChildren(); return; }
    const cap = Number(holder.dataset.unreadCap) || Infinity;
    const badge = document.createElement("span");
    badge.className = "badge";
    const hidden = document.createElement("span");
    hidden.className = "visually-hidden";
    hidden.textContent = ` ${holder.dataset.unreadLabel}`;
    badge.replaceChildren(unread >= cap ? `${cap - 1}+` : String(unread), hidden);
    holder.replaceChildren(" ", badge);
    const row = holder.closest("li");
    if (row) row.classList.add("dc-unread");
  };
  if (!live || !("WebSocket" in window)) return;
  let ws = null, attempt = 0, timer = 0, refused = false;
  const shown = () => document.visibilityState !== "hidden";
  // marks the teacher present (no e-mail for a mention seen here): only while the tab is shown
  const ping = () => { if (ws && ws.readyState === 1 && shown()) ws.send('{"type":"ping"}'); };

  function connect() {
    timer = 0;
    if (ws || refused || !shown()) return; // hidden: visibilitychange resumes
    const url = new URL(path, location.href);
    url.protocol = location.protocol === "https:" ? "wss:" : "ws:";
    url.searchParams.set("lang", document.documentElement.lang || ""); // announcements in the page's language
    const socket = new WebSocket(url.href);
    ws = socket;
    // first ping at once, shown or not: the answer proves the socket is live (connecting already
    // counts as being here)
    ws.addEventListener("open", () => { attempt = 0; socket.send('{"type":"ping"}'); });
    ws.addEventListener("message", (event) => {
      let frame;
      try { frame = JSON.parse(event.data); } catch { return; }
      if (frame && frame.type === "notification") window.tcNotify(frame.notification);
      else if (frame && frame.type === "read") window.tcUnread(frame.room, frame.unread);
    });
    ws.addEventListener("close", (event) => {
      if (socket !== ws) return; // closed for the back/forward cache
      ws = null;
      refused = event.code === 4008;
      // backoff with jitter: about 1 s, 2 s, 4 s ... at most 30 s
      const ceiling = Math.min(30000, 1000 * 2 ** attempt++);
      timer = setTimeout(connect, ceiling / 2 + Math.random() * (ceiling / 2));
    });
  }

  function begin() {
    const root = document.documentElement;
    if (root.dataset.socket) return; // room.js has the socket
    root.dataset.socket = "notifications";
    setInterval(ping, 25000);
    // an open socket keeps the page out of the back/forward cache: close it while away
    window.addEventListener("pagehide", (event) => {
      if (!event.persisted || !ws) return;
      const parked = ws;
      ws = null;
      clearTimeout(timer);
      parked.close(1000);
    });
    window.addEventListener("pageshow", (event) => {
      if (event.persisted && !ws) { attempt = 0; connect(); }
    });
    document.addEventListener("visibilitychange", () => {
      if (ws || !shown()) { ping(); return; }
      clearTimeout(timer);
      attempt = 0;
      connect();
    });
    connect();
  }
  // deferred and module scripts (room.js) have all run when DOMContentLoaded fires
  if (document.readyState === "complete") begin();
  else document.addEventListener("DOMContentLoaded", begin);
})();
