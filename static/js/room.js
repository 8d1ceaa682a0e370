// Live room: progressive enhancement of the server-rendered room (templates/community/discussions/_room.html).
// Without this script the page works: messages are rendered by the server, the forms post over HTTP.
// Client → server frames: community/realtime/protocol.py; server → client: community/realtime/frames.py
// (a test checks that every type there has a `case` in handle() below).
// One markup for a message: the server's partial _message.html, also rendered once into
// <template id="room-message-template">; live messages are clones of it, filled from the frame
// and stripped of the parts that do not apply, with the same rules as the partial.
// Strings, limits, close codes, the viewer, their time zone and the time format all come from the page's data-* attributes.
// ES modules, no build step: this file holds the connection, the outbox and the composer; room/render.js
// turns a frame's message into the server's markup; room/clock.js writes times; room/mentions.js completes @names.
import { timeFormatter } from "./room/clock.js";
import { mentionCompletion } from "./room/mentions.js";
import { roomRenderer } from "./room/render.js";

const root = document.querySelector("[data-room-id][data-ws-url]");
if (root) {
  const clock = timeFormatter(root.dataset);
  // one time format with JavaScript: the server's text is replaced by the same Intl format live messages use
  for (const time of root.querySelectorAll(".dc-message time[datetime]")) time.textContent = clock(time.dateTime);
  // data-live="false": an older page of the room is shown; live messages would not belong on it.
  if ("WebSocket" in window && root.dataset.live !== "false") start(root, clock);
  mentionCompletion(root);
}

function start(root, clock) {
  document.documentElement.dataset.socket = "room"; // the tab's one socket: notifications.js opens none
  const d = root.dataset;
  const roomId = Number(d.roomId);
  const userId = Number(d.userId || 0) || null;
  const communityId = Number(d.communityId || 0) || null;
  const moderator = d.moderator === "true";
  const closePolicy = Number(d.closePolicy || 0);
  const closeSessionEnded = Number(d.closeSessionEnded || 0);
  const pingMs = 1000 * Number(d.pingInterval || 25);
  const typingMs = 1000 * Number(d.typingInterval || 3);
  const pongMs = Math.min(10000, pingMs / 2);
  const secondsClock = timeFormatter(d, "H:i:s");
  // "%(name)s" placeholders, as Django's translations write them
  const fillIn = (text, values) =>
    text.replace(/%\((\w+)\)s/g, (_, name) => (values && values[name] != null ? values[name] : ""));
  const t = (key, values) => fillIn(d[key] || "", values);
  const list = document.getElementById("room-messages");
  const tpl = document.getElementById("room-message-template");
  const form = document.getElementById("compose");
  const textarea = form && form.querySelector("textarea");
  const notice = document.getElementById("composer-notice");
  const live = document.getElementById("room-live");
  const typingEl = document.getElementById("typing-indicator");
  const presenceEl = document.getElementById("presence-list");
  const statusEl = document.getElementById("room-status");
  const pinnedBox = document.getElementById("room-pinned");
  const pinnedList = document.getElementById("room-pinned-list");
  const lockedTag = document.getElementById("room-locked-tag");
  const outboxKey = `tc-outbox-${roomId}`;
  let lastSeq = Number(d.lastSeq || 0);
  let ws = null;
  let open = false;
  let everOpen = false;
  let refused = false;
  let revoked = ""; // why the room was taken away from this socket
  let attempt = 0;
  let retryAt = null;
  let retryTimer = 0;
  let resubscribing = false;
  let pingTimer = 0;
  let pongTimer = 0;
  let missedPongs = 0;
  let readTimer = 0;
  let lastTyping = 0;
  let slowUntil = 0;
  let slowTimer = 0;
  let mutedUntil = null;
  let muteTimer = 0;
  let banned = false;
  let leaving = false;
  window.addEventListener("beforeunload", () => { leaving = true; window.setTimeout(() => { leaving = false; }, 5000); });
  const typing = new Map(); // user id -> {name, until}

  // The outbox survives a closed tab and a restart: IndexedDB through offline.js (window.tcOutbox),
  // one record per client_id, removed when acked; localStorage where there is no IndexedDB.
  const store = window.tcOutbox || null;
  const legacyOutbox = () => {
    try { return JSON.parse(localStorage.getItem(outboxKey) || "[]"); } catch { return []; }
  };
  const saveLegacy = (items) => {
    try { localStorage.setItem(outboxKey, JSON.stringify(items)); } catch { /* private mode: memory only */ }
  };
  const keepItem = (item) => {
    if (store) store.put({ ...item, room: roomId, created: item.created || Date.now() }).catch(() => saveLegacy(outbox));
    else saveLegacy(outbox);
  };
  const forgetItem = (clientId) => {
    if (store) store.remove(clientId).catch(() => {});
    else saveLegacy(outbox);
  };
  const loadOutbox = async () => {
    if (!store) return legacyOutbox();
    const old = legacyOutbox(); // written by an older version of this page: moved over once
    try {
      for (const item of old) await store.put({ ...item, room: roomId, created: item.created || Date.now() });
      if (old.length) localStorage.removeItem(outboxKey);
      return await store.list(roomId);
    } catch { return old; }
  };
  let outbox = [];

  const url = () => {
    const u = new URL(d.wsUrl, location.href);
    u.protocol = location.protocol === "https:" ? "wss:" : "ws:";
    u.searchParams.set("lang", document.documentElement.lang || ""); // errors and announcements in the page's language
    return u.href;
  };
  const send = (frame) => {
    if (open && ws && ws.readyState === WebSocket.OPEN) { ws.send(JSON.stringify(frame)); return true; }
    return false;
  };
  const say = (text) => {
    if (!live || !text) return;
    live.textContent = "";
    window.setTimeout(() => { live.textContent = text; }, 50);
  };

  // --- connection state: what the page says is what is true ---
  function showStatus() {
    if (!statusEl) return;
    let text;
    let state;
    if (revoked) { state = "refused"; text = revoked; }
    else if (refused) { state = "refused"; text = t("i18nRefused"); }
    else if (!navigator.onLine) { state = "offline"; text = t("i18nOffline"); }
    else if (open) { state = "live"; text = t("i18nConnected"); }
    else if (retryAt) { state = "reconnecting"; text = t("i18nReconnecting", { time: secondsClock(retryAt) }); }
    else { state = "connecting"; text = t("i18nConnecting"); }
    if (outbox.length && state !== "live") text += ` ${t("i18nWaiting", { count: outbox.length })}`;
    statusEl.dataset.state = state;
    if (statusEl.textContent !== text) statusEl.textContent = text; // role=status: announced politely
  }

  // --- rendering: one markup, the server's template (room/render.js) ---
  const { byId, bySeq, part, drop, authorName, render, renderReactions, renderPinned } = roomRenderer({
    d, list, tpl, pinnedList, pinnedBox, userId, moderator, clock, fillIn,
  });

  function insert(m) {
    if (!list || !tpl) return;
    const existing = byId(m.id) || bySeq(m.seq);
    if (existing) { replace(existing, m); return; }
    const empty = list.querySelector(".dc-empty");
    if (empty) empty.remove();
    const el = render(m);
    // keep seq order; pending (unsent) posts stay last
    const after = [...list.querySelectorAll("[data-seq]")].find((node) => Number(node.dataset.seq) > m.seq);
    const pending = list.querySelector(".is-pending");
    list.insertBefore(el, after || pending || null);
  }

  function replace(existing, m) {
    const el = render(m, existing);
    const focused = existing.contains(document.activeElement);
    existing.replaceWith(el);
    if (focused) focusIn(el);
    return el;
  }

  function focusIn(el) {
    const target = el.querySelector(".dc-time") || el;
    target.focus();
  }

  function update(m) {
    const el = byId(m.id);
    if (el) replace(el, m);
    renderPinned(m);
  }

  function accept(m, announce) {
    if (m.client_id && list && list.querySelector(`[data-client-id="${CSS.escape(m.client_id)}"]`)) {
      dropPending(m.client_id); // our own post, come back before its ack: one copy, not two
    }
    if (m.seq <= lastSeq) {
      if (byId(m.id)) { update(m); return; } // seen: the newer state wins, never a second copy
      // a held post approved by a moderator: an older seq this page skipped as invisible
      const first = list && list.querySelector("[data-seq]");
      if (m.status === "published" && (!first || m.seq > Number(first.dataset.seq))) {
        insert(m);
        renderPinned(m);
      }
      return;
    }
    if (m.seq > lastSeq + 1) { resubscribe(); return; } // a gap: the database is the record
    insert(m);
    lastSeq = m.seq;
    renderPinned(m);
    if (announce && m.author && m.author.id !== userId) {
      say(t("i18nNewMessage", { name: m.author.name }));
    }
    markRead();
  }

  // --- pending posts (the outbox) ---
  function showPending(item) {
    if (!list || list.querySelector(`[data-client-id="${CSS.escape(item.client_id)}"]`)) return;
    const el = document.createElement("li");
    el.className = "dc-message is-pending";
    el.dataset.clientId = item.client_id;
    const p = el.appendChild(document.createElement("p"));
    p.textContent = item.body;
    const note = el.appendChild(document.createElement("p"));
    note.className = "meta";
    note.textContent = t("i18nSending");
    list.appendChild(el);
  }

  function dropPending(clientId) {
    outbox = outbox.filter((item) => item.client_id !== clientId);
    forgetItem(clientId);
    const el = list && list.querySelector(`[data-client-id="${CSS.escape(clientId)}"]`);
    if (el) el.remove();
    showStatus();
  }

  // --- socket ---
  function connect() {
    window.clearTimeout(retryTimer);
    retryTimer = 0;
    retryAt = null;
    if (ws || refused) return;
    if (!navigator.onLine) { showStatus(); return; } // the "online" event reconnects
    const socket = new WebSocket(url());
    ws = socket;
    showStatus();
    socket.addEventListener("open", () => {
      if (socket !== ws) return;
      open = true;
      everOpen = true;
      attempt = 0;
      missedPongs = 0;
      showStatus();
      send({ type: "subscribe", room: roomId, since: lastSeq });
      send({ type: "ping" });
      window.clearInterval(pingTimer);
      pingTimer = window.setInterval(ping, pingMs);
    });
    socket.addEventListener("message", (event) => {
      if (socket !== ws) return;
      let frame;
      try { frame = JSON.parse(event.data); } catch { return; }
      if (frame && typeof frame.type === "string") handle(frame);
    });
    socket.addEventListener("close", (event) => {
      if (socket !== ws) return; // a socket we already gave up (offline, missed pongs, back/forward cache)
      lost();
      if (event.code === closePolicy) { refused = true; showStatus(); return; } // refused for abuse: do not hammer
      // signed out (here or in another tab): the page is rendered for whoever the cookie names now
      // (not when this tab is already leaving, e.g. its own sign-out form: the reload would cancel it)
      if (closeSessionEnded && event.code === closeSessionEnded) { if (!leaving) window.location.reload(); return; }
      retry();
    });
  }

  function lost() {
    ws = null;
    open = false;
    resubscribing = false;
    window.clearInterval(pingTimer);
    window.clearTimeout(pongTimer);
  }

  function abandon() {
    const old = ws;
    lost();
    if (old) { try { old.close(1000); } catch { /* already closing */ } }
  }

  function retry() {
    if (!navigator.onLine) { showStatus(); return; }
    // exponential backoff with full jitter: 1 s, 2 s, 4 s ... capped at 30 s
    const ceiling = Math.min(30000, 1000 * 2 ** attempt);
    attempt += 1;
    const wait = ceiling / 2 + Math.random() * (ceiling / 2);
    retryAt = new Date(Date.now() + wait);
    window.clearTimeout(retryTimer);
    retryTimer = window.setTimeout(connect, wait);
    showStatus();
  }

  function ping() {
    if (!send({ type: "ping" })) return;
    window.clearTimeout(pongTimer);
    pongTimer = window.setTimeout(() => {
      missedPongs += 1;
      if (missedPongs >= 2) { abandon(); retry(); return; } // the socket looks open but nobody answers
      ping();
    }, pongMs);
  }

  window.addEventListener("offline", () => { abandon(); showStatus(); });
  window.addEventListener("online", () => { attempt = 0; abandon(); connect(); });

  // A page with an open socket is kept out of the back/forward cache: close it when the page
  // is put away, reconnect (and catch up by seq) when it comes back.
  window.addEventListener("pagehide", (event) => {
    if (event.persisted && ws) abandon();
  });
  window.addEventListener("pageshow", (event) => {
    if (event.persisted && !ws) { attempt = 0; connect(); }
  });

  function resubscribe() {
    if (resubscribing) return;
    resubscribing = true;
    send({ type: "subscribe", room: roomId, since: lastSeq });
  }

  function postFrame(item) {
    return { type: "post", room: roomId, client_id: item.client_id, body: item.body, ...(item.reply_to ? { reply_to: item.reply_to } : {}) };
  }

  function flushOutbox() {
    for (const item of outbox) {
      showPending(item);
      send(postFrame(item));
    }
  }

  // Every server → client frame type of community/realtime/frames.py has a case here.
  function handle(frame) {
    switch (frame.type) {
      case "backlog":
        if (frame.room !== roomId) return;
        resubscribing = false;
        for (const m of frame.messages) {
          if (m.seq > lastSeq) { insert(m); lastSeq = m.seq; } else if (byId(m.id)) update(m);
          renderPinned(m);
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
        if (frame.message.room === roomId) {
          accept(frame.message, false);
          startSlowWait();
        }
        break;
      case "edited":
      case "deleted":
      case "restored":
      case "pinned":
        if (frame.room === roomId) update(frame.message);
        break;
      case "hidden": {
        if (frame.room !== roomId) return;
        const m = frame.message;
        // the author also gets their own copy (with the reason): the room's copy has no body for them
        if (userId !== null && m.author && m.author.id === userId && !("hidden_reason" in m)) {
          renderPinned(m);
          return;
        }
        update(m);
        break;
      }
      case "reaction": {
        const el = frame.room === roomId && byId(frame.message);
        if (!el) return;
        if (frame.user === userId) {
          const mine = new Set((el.dataset.mine || "").split(" ").filter(Boolean));
          if (frame.added) mine.add(frame.emoji); else mine.delete(frame.emoji);
          el.dataset.mine = [...mine].join(" ");
        }
        renderReactions(el, frame.reactions || {});
        break;
      }
      case "room_state":
        if (frame.room !== roomId) return;
        d.locked = frame.locked ? "true" : "false";
        d.slowMode = String(frame.slow_mode_seconds || 0);
        if (lockedTag) lockedTag.hidden = !frame.locked;
        composer(true);
        break;
      case "sanction":
        if (frame.community !== communityId) return;
        sanction(frame);
        break;
      case "post_refused": {
        if (frame.room !== roomId) return;
        const el = byId(frame.message);
        if (el) {
          el.dataset.status = "rejected";
          const held = part(el, "held");
          const rejected = part(tpl.content, "rejected").cloneNode(true);
          if (held) held.replaceWith(rejected);
          drop(el, '[data-part="actions"] [data-part="reply"], [data-part="actions"] [data-part="react"]');
        }
        say(t("i18nPostRefused", { reason: frame.reason }));
        break;
      }
      case "read":
        readBadge(frame.room, frame.unread);
        break;
      case "typing":
        if (frame.room === roomId && frame.user && frame.user.id !== userId) {
          typing.set(frame.user.id, { name: frame.user.name, until: Date.now() + Math.max(5000, typingMs + 2000) });
          renderTyping();
        }
        break;
      case "presence":
        if (communityId === null || frame.community === communityId) renderPresence(frame.online || [], frame.count || 0);
        break;
      case "notification": // the badge and its announcement: static/js/notifications.js (signed-in pages)
        if (window.tcNotify) window.tcNotify(frame.notification);
        break;
      case "moderated":
        say(frame.detail);
        break;
      case "pong":
        missedPongs = 0;
        window.clearTimeout(pongTimer);
        break;
      case "error":
        error(frame);
        break;
      default:
        break;
    }
  }

  function error(frame) {
    if (frame.client_id) {
      const item = outbox.find((entry) => entry.client_id === frame.client_id);
      if (["rate_limited", "slow_mode", "unavailable"].includes(frame.code)) { // kept in the outbox, sent again
        if (frame.code === "slow_mode") startSlowWait(); // the composer says how long to wait
        window.setTimeout(flushOutbox, Math.max(10000, 1000 * Number(d.slowMode || 0) + 1000));
      } else {
        dropPending(frame.client_id);
        if (item && textarea && !textarea.value) textarea.value = item.body;
      }
      if (frame.code === "locked") { d.locked = "true"; composer(true); }
      if (frame.code === "banned") { banned = true; composer(true); }
    }
    if (frame.code === "forbidden" && frame.ref === roomId) {
      // access to the room was taken away: nothing more of it arrives, and nothing can be sent
      // (the socket stays open for the tab's notifications)
      revoked = frame.detail;
      if (form) form.hidden = true;
      showStatus();
      return;
    }
    say(t("i18nError", { detail: frame.detail }));
  }

  // --- the composer: locked rooms, slow mode, mutes and bans ---
  function composer(announce) {
    const locked = d.locked === "true" && !moderator;
    const muted = mutedUntil && mutedUntil > new Date();
    let text = "";
    let blocked = true;
    if (banned) text = t("i18nBanned");
    else if (muted) text = t("i18nMuted", { until: clock(mutedUntil) });
    else if (locked) text = t("i18nLocked");
    else {
      blocked = false;
      const wait = Math.ceil((slowUntil - Date.now()) / 1000);
      const slow = Number(d.slowMode || 0);
      if (slow && !moderator) text = wait > 0 ? t("i18nSlowWait", { s: wait }) : t("i18nSlowMode", { s: slow });
    }
    if (!form && !blocked && announce) text = t("i18nUnlocked"); // the page was loaded without a composer
    const refusal = root.querySelector(".composer-refusal");
    if (refusal && announce) refusal.hidden = true;
    d.canPost = form && !blocked ? "true" : "false";
    if (form) {
      const wasBlocked = form.hidden;
      form.hidden = blocked;
      if (blocked && form.contains(document.activeElement) && notice) { notice.tabIndex = -1; notice.focus(); }
      if (wasBlocked !== blocked && announce) say(text || t("i18nUnmuted"));
    } else if (announce && text) {
      say(text);
    }
    if (notice) {
      if (notice.textContent !== text) notice.textContent = text;
      notice.hidden = !text;
    }
  }

  function startSlowWait() {
    const slow = Number(d.slowMode || 0);
    if (!slow || moderator) return;
    slowUntil = Date.now() + slow * 1000;
    window.clearInterval(slowTimer);
    composer(false);
    slowTimer = window.setInterval(() => {
      composer(false);
      if (Date.now() >= slowUntil) window.clearInterval(slowTimer);
    }, 1000);
  }

  function sanction(frame) {
    window.clearTimeout(muteTimer);
    if (frame.action === "mute") {
      mutedUntil = frame.until ? new Date(frame.until) : new Date(Date.now() + 1000 * (frame.seconds_left || 0));
      // the mute ends by itself: the composer comes back then
      muteTimer = window.setTimeout(() => { mutedUntil = null; composer(true); }, Math.max(0, mutedUntil - Date.now()) + 500);
    } else if (frame.action === "unmute") {
      mutedUntil = null;
    } else if (frame.action === "ban") {
      banned = true;
    } else if (frame.action === "unban") {
      banned = false;
    } else if (frame.action === "warn") {
      say(t("i18nWarned", { reason: frame.reason }));
      return;
    }
    composer(true);
  }

  // --- other tabs read a room: the room list's unread badges follow ---
  function readBadge(room, unread) {
    const holder = document.querySelector(`[data-room-unread-for="${Number(room)}"]`);
    if (!holder) return;
    if (!unread || room === roomId) { holder.replaceChildren(); return; }
    let badge = holder.querySelector(".badge");
    if (!badge) {
      badge = document.createElement("span");
      badge.className = "badge";
      badge.dataset.roomUnread = room;
      holder.replaceChildren(" ", badge);
    }
    const hidden = document.createElement("span");
    hidden.className = "visually-hidden";
    hidden.textContent = ` ${t("i18nUnread")}`;
    const cap = Number(d.unreadCap) || Infinity; // the server counts up to the cap: "99+"
    badge.replaceChildren(unread >= cap ? `${cap - 1}+` : String(unread), hidden);
  }

  function renderTyping() {
    if (!typingEl) return;
    const now = Date.now();
    for (const [id, entry] of typing) if (entry.until < now) typing.delete(id);
    const names = [...typing.values()].map((entry) => entry.name);
    typingEl.textContent = !names.length ? ""
      : names.length === 1 ? t("i18nTypingOne", { name: names[0] })
        : t("i18nTypingMany", { names: names.join(", ") });
    if (names.length) window.setTimeout(renderTyping, 1000);
  }

  function renderPresence(online, count) {
    if (!presenceEl) return;
    const others = online.filter((person) => person.id !== userId);
    const more = count - online.length; // the server lists a bounded number of names
    if (!others.length) {
      const li = document.createElement("li");
      li.className = "meta";
      li.textContent = t("i18nNobodyOnline");
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
      li.textContent = t("i18nMoreOnline", { count: more });
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

  // --- a message's controls: over the socket when it is open, the server's forms otherwise ---
  if (list) {
    list.addEventListener("submit", (event) => {
      const target = event.target;
      const el = target.closest("[data-message-id]");
      if (!el || !open) return; // no socket: the form posts and the page reloads
      const id = Number(el.dataset.messageId);
      if (target.matches('[data-part="delete"]')) {
        event.preventDefault();
        send({ type: "delete", message: id });
      } else if (target.closest(".dc-reactions, [data-part='react']")) {
        const button = event.submitter;
        if (!button || !button.value) return;
        event.preventDefault();
        send({ type: "react", message: id, emoji: button.value });
        const menu = target.closest("details");
        if (menu) menu.open = false;
      } else if (target.matches(".composer-edit")) {
        event.preventDefault();
        const body = target.querySelector("textarea").value;
        if (!body.trim()) return;
        send({ type: "edit", message: id, body });
      }
    });
    list.addEventListener("click", (event) => {
      const link = event.target.closest("a[data-part]");
      if (!link) return;
      const el = link.closest("[data-message-id]");
      if (link.dataset.part === "reply" && form && !form.hidden) {
        event.preventDefault();
        startReply(el);
      } else if (link.dataset.part === "edit" && open) {
        event.preventDefault();
        startEdit(el, link);
      }
    });
    list.addEventListener("keydown", (event) => {
      if (event.key !== "Escape") return;
      const editor = event.target.closest(".composer-edit");
      if (editor) stopEdit(editor);
    });
  }

  function startReply(el) {
    const reply = form.querySelector('[name="reply_to"]');
    if (reply) reply.value = el.dataset.messageId;
    let banner = form.querySelector(".dc-replying");
    if (!banner) {
      banner = document.createElement("p");
      banner.className = "meta dc-replying";
      form.querySelector("textarea").closest("p").before(banner);
    }
    const cancel = document.createElement("a");
    cancel.href = `${d.roomPath}#compose`;
    cancel.textContent = t("i18nCancelReply");
    cancel.addEventListener("click", (event) => {
      event.preventDefault();
      if (reply) reply.value = "";
      banner.remove();
      textarea.focus();
    });
    banner.replaceChildren(t("i18nReplyingTo", { name: authorName(el) }), " · ", cancel);
    textarea.focus();
  }

  async function startEdit(el, link) {
    if (el.querySelector(".composer-edit")) { el.querySelector(".composer-edit textarea").focus(); return; }
    let body = "";
    try {
      const response = await fetch(link.href, { credentials: "same-origin" });
      if (!response.ok) throw new Error(String(response.status));
      const page = new DOMParser().parseFromString(await response.text(), "text/html");
      const field = page.querySelector('form textarea[name="body"]');
      if (!field) throw new Error("no form");
      body = field.value;
    } catch {
      window.location.href = link.href; // the edit page works without the socket
      return;
    }
    // the edit page's own form: without the socket, Save posts it there
    const editor = document.createElement("form");
    editor.className = "composer-edit";
    editor.method = "post";
    editor.action = link.href;
    const token = root.querySelector('input[name="csrfmiddlewaretoken"]');
    if (token) editor.append(token.cloneNode());
    const label = editor.appendChild(document.createElement("label"));
    const fieldId = `edit-${el.dataset.messageId}`;
    label.htmlFor = fieldId;
    label.textContent = t("i18nEditLabel");
    const field = editor.appendChild(document.createElement("textarea"));
    field.id = fieldId;
    field.name = "body";
    field.rows = 3;
    field.maxLength = Number(d.maxBody || 4000);
    field.value = body;
    const buttons = editor.appendChild(document.createElement("p"));
    const save = buttons.appendChild(document.createElement("button"));
    save.type = "submit";
    save.textContent = t("i18nSave");
    buttons.append(" ");
    const cancel = buttons.appendChild(document.createElement("button"));
    cancel.type = "button";
    cancel.className = "secondary";
    cancel.textContent = t("i18nCancel");
    cancel.addEventListener("click", () => stopEdit(editor));
    (part(el, "body") || part(el, "actions")).after(editor);
    field.focus();
  }

  function stopEdit(editor) {
    const el = editor.closest("[data-message-id]");
    editor.remove();
    const link = el && part(el, "edit");
    if (link) link.focus();
  }

  // --- the composer: sent over the socket with a client_id; the plain form when there is no socket ---
  if (form && textarea && userId) {
    form.addEventListener("submit", (event) => {
      if (!everOpen && navigator.onLine) return; // never connected: let the browser post the form (offline: the outbox)
      const files = form.querySelector('input[type="file"]');
      if (files && files.files && files.files.length && open) return; // attachments go through the plain form
      event.preventDefault();
      const body = textarea.value;
      if (!body.trim()) { textarea.focus(); return; }
      const reply = form.querySelector('[name="reply_to"]');
      const replying = form.querySelector(".dc-replying");
      if (replying) replying.remove();
      const item = {
        client_id: (crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`),
        body,
        reply_to: reply && reply.value ? Number(reply.value) : null,
      };
      item.created = Date.now();
      outbox.push(item);
      keepItem(item);
      showPending(item);
      textarea.value = "";
      if (reply) reply.value = "";
      send(postFrame(item));
      showStatus();
    });
    textarea.addEventListener("input", () => {
      const now = Date.now();
      if (now - lastTyping > typingMs) { lastTyping = now; send({ type: "typing", room: roomId }); }
    });
  }

  composer(false);
  loadOutbox().then((items) => {
    outbox = items.concat(outbox.filter((item) => !items.some((kept) => kept.client_id === item.client_id)));
    for (const item of outbox) showPending(item);
    showStatus();
    connect(); // after the outbox is loaded: the backlog flushes it
  });
}
