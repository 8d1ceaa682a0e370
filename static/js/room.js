// Live room: progressive enhancement of the server-rendered room (templates/community/discussions/_room.html).
// Without this script the page still works: messages are rendered by the server, the form posts over HTTP.
// Protocol: community/discussions/protocol.py. Strings come from the partial's data-i18n-* attributes.
const root = document.querySelector("[data-room-id][data-ws-url]");
// data-live="false": an older page of the room is shown; live messages would not belong on it.
if (root && "WebSocket" in window && root.dataset.live !== "false") start(root);

function start(root) {
  document.documentElement.dataset.socket = "room"; // the tab's one socket: notifications.js opens none
  const roomId = Number(root.dataset.roomId);
  const userId = Number(root.dataset.userId || 0) || null;
  const d = root.dataset;
  // "%(name)s" placeholders, as Django's translations write them
  const t = (key, fallback, values) =>
    (d[key] || fallback).replace(/%\((\w+)\)s/g, (_, name) => (values && values[name] != null ? values[name] : ""));
  const list = root.querySelector("[data-message-list]") || document.getElementById("room-messages");
  const form = root.querySelector("form[data-post-form]") || document.getElementById("compose");
  const textarea = form && form.querySelector("textarea");
  const live = document.getElementById("room-live");
  const typingEl = document.getElementById("typing-indicator");
  const presenceEl = document.getElementById("presence-list");
  const statusEl = document.getElementById("room-status");
  const outboxKey = `tc-outbox-${roomId}`;
  let lastSeq = Number(d.lastSeq || 0);
  let ws = null;
  let open = false;
  let everOpen = false;
  let attempt = 0;
  let resubscribing = false;
  let pingTimer = null;
  let readTimer = null;
  let lastTyping = 0;
  const typing = new Map(); // user id -> {name, until}

  const loadOutbox = () => {
    try { return JSON.parse(localStorage.getItem(outboxKey) || "[]"); } catch { return []; }
  };
  const saveOutbox = (items) => {
    try { localStorage.setItem(outboxKey, JSON.stringify(items)); } catch { /* private mode: memory only */ }
  };
  let outbox = loadOutbox();

  const url = () => {
    const u = new URL(d.wsUrl, location.href);
    u.protocol = location.protocol === "https:" ? "wss:" : "ws:";
    return u.href;
  };
  const send = (frame) => {
    if (open) ws.send(JSON.stringify(frame));
    return open;
  };
  const say = (text) => {
    if (!live || !text) return;
    live.textContent = "";
    window.setTimeout(() => { live.textContent = text; }, 50);
  };
  const status = (text) => { if (statusEl) statusEl.textContent = text || ""; };

  // --- rendering: server HTML (body_html, cleaned on write) or textContent only ---
  const byId = (id) => list && list.querySelector(`[data-message-id="${Number(id)}"]`);
  const bySeq = (seq) => list && list.querySelector(`[data-seq="${Number(seq)}"]`);

  // The same markup as the server's partial (li.dc-message), built with textContent; only body_html is HTML.
  function fill(el, m) {
    el.dataset.messageId = m.id;
    el.dataset.seq = m.seq;
    el.id = `m${m.seq}`;
    el.className = "dc-message";
    if (m.status && m.status !== "published") el.classList.add("dc-held");
    if (m.pinned) el.classList.add("dc-pinned");
    if (m.author) el.dataset.authorId = m.author.id;
    const meta = document.createElement("p");
    meta.className = "meta dc-meta";
    const author = document.createElement(m.author ? "a" : "span");
    author.className = "dc-author";
    if (m.author) author.href = m.author.url;
    author.textContent = m.author ? m.author.name : "Teacher Commons";
    const when = document.createElement("a");
    when.className = "dc-time";
    when.href = `#m${m.seq}`;
    const time = when.appendChild(document.createElement("time"));
    time.dateTime = m.created_at;
    time.textContent = new Date(m.created_at).toLocaleString(document.documentElement.lang || undefined,
      { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" });
    meta.append(author, " ", when);
    if (m.edited_at && !m.deleted) {
      const edited = meta.appendChild(document.createElement("span"));
      edited.className = "dc-edited";
      edited.textContent = ` (${t("i18nEdited", "edited")})`;
    }
    if (m.status === "held") {
      const held = meta.appendChild(document.createElement("span"));
      held.className = "tag dc-held-tag";
      held.textContent = t("i18nHeld", "Waiting for review");
    }
    const parts = [meta];
    if (m.deleted || (m.hidden && !m.body_html)) {
      const removed = document.createElement("p");
      removed.className = "message-removed";
      removed.textContent = m.deleted ? t("i18nRemoved", "Message removed") : t("i18nRemovedByModerator", "Removed by a moderator");
      parts.push(removed);
    } else {
      const body = document.createElement("div");
      body.className = "message-body";
      body.innerHTML = m.body_html; // cleaned on write by the server's one HTML cleaner
      parts.push(body);
      if (m.attachments && m.attachments.length) {
        const files = document.createElement("ul");
        files.className = "dc-attachments";
        for (const a of m.attachments) {
          const li = files.appendChild(document.createElement("li"));
          const link = li.appendChild(document.createElement("a"));
          link.href = a.url;
          if (a.kind === "image") {
            const img = link.appendChild(document.createElement("img"));
            img.src = a.url; img.alt = a.name; img.loading = "lazy"; img.className = "dc-image";
          } else {
            link.textContent = a.name;
            link.download = a.name;
          }
        }
        parts.push(files);
      }
      const reactions = document.createElement("div");
      reactions.className = "dc-reactions";
      reactions.dataset.reactionsFor = m.id;
      parts.push(reactions);
    }
    el.replaceChildren(...parts);
    renderReactions(el, m.reactions || {});
    return el;
  }

  function build(m) {
    return fill(document.createElement("li"), m);
  }

  function renderReactions(el, reactions) {
    const box = el.querySelector(".dc-reactions");
    if (!box) return;
    const entries = Object.entries(reactions);
    if (!entries.length) { box.replaceChildren(); return; }
    const ul = document.createElement("ul");
    ul.className = "dc-reaction-counts";
    for (const [emoji, n] of entries) {
      const tag = ul.appendChild(document.createElement("li")).appendChild(document.createElement("span"));
      tag.className = "tag";
      tag.textContent = `${emoji} ${n}`;
    }
    box.replaceChildren(ul);
  }

  function insert(m) {
    if (!list) return;
    const existing = byId(m.id) || bySeq(m.seq);
    if (existing) { fill(existing, m); return; }
    const empty = list.querySelector(".dc-empty");
    if (empty) empty.remove();
    const el = build(m);
    // keep seq order; pending (unsent) posts stay last
    const after = [...list.querySelectorAll("[data-seq]")].find((node) => Number(node.dataset.seq) > m.seq);
    const pending = list.querySelector(".is-pending");
    list.insertBefore(el, after || pending || null);
  }

  function accept(m, announce) {
    if (m.seq <= lastSeq) { if (byId(m.id)) fill(byId(m.id), m); return; } // seen: drop the duplicate
    if (m.seq > lastSeq + 1) { resubscribe(); return; } // a gap: the database is the record
    insert(m);
    lastSeq = m.seq;
    if (announce && m.author && m.author.id !== userId) {
      say(t("i18nNewMessage", "New message from %(name)s", { name: m.author.name }));
    }
    markRead();
  }

  function showPending(item) {
    if (!list || list.querySelector(`[data-client-id="${CSS.escape(item.client_id)}"]`)) return;
    const el = document.createElement("li");
    el.className = "dc-message is-pending";
    el.dataset.clientId = item.client_id;
    const p = el.appendChild(document.createElement("p"));
    p.textContent = item.body;
    const note = el.appendChild(document.createElement("p"));
    note.className = "meta";
    note.textContent = t("i18nSending", "Sending…");
    list.appendChild(el);
  }

  function dropPending(clientId) {
    outbox = outbox.filter((item) => item.client_id !== clientId);
    saveOutbox(outbox);
    const el = list && list.querySelector(`[data-client-id="${CSS.escape(clientId)}"]`);
    if (el) el.remove();
  }

  // --- socket ---
  function connect() {
    const socket = new WebSocket(url());
    ws = socket;
    ws.addEventListener("open", () => {
      open = true;
      everOpen = true;
      attempt = 0;
      status(t("i18nConnected", "Live"));
      send({ type: "subscribe", room: roomId, since: lastSeq });
      window.clearInterval(pingTimer);
      pingTimer = window.setInterval(() => send({ type: "ping" }), 25000);
    });
    ws.addEventListener("message", (event) => {
      let frame;
      try { frame = JSON.parse(event.data); } catch { return; }
      handle(frame);
    });
    ws.addEventListener("close", (event) => {
      if (socket !== ws) return; // a socket closed for the back/forward cache
      open = false;
      window.clearInterval(pingTimer);
      if (everOpen) status(t("i18nReconnecting", "Connection lost. Reconnecting…"));
      if (event.code === 4008) return; // refused for abuse: do not hammer the server
      // exponential backoff with full jitter: 1 s, 2 s, 4 s ... capped at 30 s
      const ceiling = Math.min(30000, 1000 * 2 ** attempt);
      attempt += 1;
      window.setTimeout(connect, ceiling / 2 + Math.random() * (ceiling / 2));
    });
  }

  // A page with an open socket is kept out of the back/forward cache: close it when the page
  // is put away, reconnect (and catch up by seq) when it comes back.
  window.addEventListener("pagehide", (event) => {
    if (!event.persisted || !ws) return;
    const parked = ws;
    ws = null;
    open = false;
    window.clearInterval(pingTimer);
    parked.close(1000);
  });
  window.addEventListener("pageshow", (event) => {
    if (event.persisted && !ws) { attempt = 0; connect(); }
  });

  function resubscribe() {
    if (resubscribing) return;
    resubscribing = true;
    send({ type: "subscribe", room: roomId, since: lastSeq });
  }

  function flushOutbox() {
    for (const item of outbox) {
      showPending(item);
      send({ type: "post", room: roomId, client_id: item.client_id, body: item.body, ...(item.reply_to ? { reply_to: item.reply_to } : {}) });
    }
  }

  function handle(frame) {
    switch (frame.type) {
      case "backlog":
        if (frame.room !== roomId) return;
        resubscribing = false;
        for (const m of frame.messages) {
          if (m.seq > lastSeq) { insert(m); lastSeq = m.seq; }
        }
        if (frame.complete && frame.last_seq > lastSeq) lastSeq = frame.last_seq; // the rest is not for us to see
        if (!frame.complete) { resubscribe(); return; }
        flushOutbox();
        markRead();
        break;
      case "message":
        if (frame.room === roomId) accept(frame.message, true);
        break;
      case "ack":
        dropPending(frame.client_id);
        if (frame.message.room === roomId) accept(frame.message, false);
        break;
      case "edited":
      case "deleted": {
        const el = frame.room === roomId && byId(frame.message.id);
        if (el) fill(el, frame.message);
        break;
      }
      case "reaction": {
        const el = frame.room === roomId && byId(frame.message);
        if (el) renderReactions(el, frame.reactions || {});
        break;
      }
      case "typing":
        if (frame.room === roomId && frame.user && frame.user.id !== userId) {
          typing.set(frame.user.id, { name: frame.user.name, until: Date.now() + 5000 });
          renderTyping();
        }
        break;
      case "presence":
        renderPresence(frame.online || [], frame.count || 0);
        break;
      case "notification": // the badge and its announcement: static/js/notifications.js (signed-in pages)
        if (window.tcNotify) window.tcNotify(frame.notification);
        break;
      case "error":
        if (frame.client_id) {
          const retry = frame.code === "rate_limited" || frame.code === "slow_mode";
          if (!retry) {
            const item = outbox.find((entry) => entry.client_id === frame.client_id);
            dropPending(frame.client_id);
            if (item && textarea && !textarea.value) textarea.value = item.body;
          } else {
            window.setTimeout(flushOutbox, 10000);
          }
        }
        if (frame.code === "forbidden" && frame.ref === roomId) status(frame.detail);
        else say(t("i18nError", "Something went wrong: %(detail)s", { detail: frame.detail }));
        break;
      default:
        break;
    }
  }

  function renderTyping() {
    if (!typingEl) return;
    const now = Date.now();
    for (const [id, entry] of typing) if (entry.until < now) typing.delete(id);
    const names = [...typing.values()].map((entry) => entry.name);
    typingEl.textContent = !names.length ? ""
      : names.length === 1 ? t("i18nTypingOne", "%(name)s is typing…", { name: names[0] })
        : t("i18nTypingMany", "%(names)s are typing…", { names: names.join(", ") });
    if (names.length) window.setTimeout(renderTyping, 1000);
  }

  function renderPresence(online, count) {
    if (!presenceEl) return;
    const others = online.filter((person) => person.id !== userId);
    const more = count - online.length; // the server lists a bounded number of names
    if (!others.length) {
      const li = document.createElement("li");
      li.className = "meta";
      li.textContent = t("i18nNobodyOnline", "Nobody else is here right now.");
      presenceEl.replaceChildren(li);
      return;
    }
    const items = others.map((person) => {
      const li = document.createElement("li");
      li.textContent = person.name;
      return li;
    });
    if (more > 0) {
      const li = document.createElement("li");
      li.className = "meta";
      li.textContent = t("i18nMoreOnline", "+%(count)s", { count: more });
      items.push(li);
    }
    presenceEl.replaceChildren(...items);
  }

  function markRead() {
    if (!userId || document.visibilityState !== "visible") return;
    window.clearTimeout(readTimer);
    readTimer = window.setTimeout(() => send({ type: "read", room: roomId, upto: lastSeq }), 1000);
  }
  document.addEventListener("visibilitychange", markRead);

  // --- the form: sent over the socket with a client_id; the plain form when there is no socket ---
  if (form && textarea && userId) {
    form.addEventListener("submit", (event) => {
      if (!everOpen) return; // never connected: let the browser post the form
      const files = form.querySelector('input[type="file"]');
      if (files && files.files && files.files.length) return; // attachments go through the plain form
      event.preventDefault();
      const body = textarea.value;
      if (!body.trim()) return;
      const reply = form.querySelector('[name="reply_to"]');
      const replying = form.querySelector(".dc-replying");
      if (replying) replying.remove();
      const item = {
        client_id: (crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`),
        body,
        reply_to: reply && reply.value ? Number(reply.value) : null,
      };
      outbox.push(item);
      saveOutbox(outbox);
      showPending(item);
      textarea.value = "";
      if (reply) reply.value = "";
      if (!send({ type: "post", room: roomId, client_id: item.client_id, body, ...(item.reply_to ? { reply_to: item.reply_to } : {}) })) {
        say(t("i18nOffline", "You are offline. Messages you write are sent when the connection returns."));
      }
    });
    textarea.addEventListener("input", () => {
      const now = Date.now();
      if (now - lastTyping > 3000) { lastTyping = now; send({ type: "typing", room: roomId }); }
    });
  }

  for (const item of outbox) showPending(item);
  connect();
}
