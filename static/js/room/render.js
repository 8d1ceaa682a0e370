// Room rendering: a frame's message becomes the server's own markup (templates/community/discussions/
// _message.html, rendered once into <template id="room-message-template">), cloned, filled and stripped
// of the parts that do not apply, with the same rules as the partial. body_html is cleaned on write by
// the server. Everything page-wide (strings, the viewer, the clock, the lists) is passed in once.
// What the viewer may do with a message: the rule of community/discussions/permissions.py's
// message_actions(), applied to the same room caps (RoomCaps, on the page as _room.html's data-user-id,
// data-can-post, data-moderator, data-pupil and data-edits-frozen). A frame is encoded once for all
// viewers, so it carries no per-viewer flags: change this and message_actions() together.
export function messageActions(m, caps) {
  const signedIn = caps.userId !== null;
  const own = signedIn && Boolean(m.author) && m.author.id === caps.userId;
  const published = m.status === "published";
  const openToAll = published && !m.deleted && !m.hidden;
  const actions = {
    seeBody: !m.deleted && (!m.hidden || own),
    reply: caps.canPost && openToAll,
    react: caps.canPost && openToAll,
    edit: own && !m.deleted && !m.hidden && !(published && caps.editsFrozen),
    delete: own && !m.deleted,
    moderate: signedIn && caps.moderates && !own && !m.deleted,
    report: signedIn && !caps.isPupil && !own && !m.deleted,
  };
  actions.any = actions.reply || actions.react || actions.edit || actions.delete || actions.moderate || actions.report;
  return actions;
}

export function roomRenderer({ d, list, tpl, pinnedList, pinnedBox, userId, moderator, clock, fillIn }) {
  const byId = (id) => list && list.querySelector(`[data-message-id="${Number(id)}"]`);
  const bySeq = (seq) => list && list.querySelector(`[data-seq="${Number(seq)}"]`);
  const messageUrl = (template, id) => template.replace("/0/", `/${Number(id)}/`);
  const here = () => location.pathname + location.search;
  const drop = (el, selector) => { for (const node of el.querySelectorAll(selector)) node.remove(); };
  const part = (el, name) => el.querySelector(`[data-part="${name}"]`);
  const authorName = (el) => {
    const author = el && el.querySelector(".dc-meta .dc-author");
    return author ? author.textContent.trim() : "";
  };
  const fillSr = (el, values) => {
    const span = el && el.querySelector(".visually-hidden");
    if (span) span.textContent = ` ${fillIn(span.textContent.trim(), values)}`;
  };

  // read at each use: the room's caps change live (a mute, a lock, an unmute)
  const caps = () => ({
    userId,
    canPost: d.canPost === "true",
    moderates: moderator,
    isPupil: d.pupil === "true",
    editsFrozen: d.editsFrozen === "true",
  });

  function render(m, previous) {
    const el = tpl.content.firstElementChild.cloneNode(true);
    const can = messageActions(m, caps());
    const showBody = can.seeBody;
    el.id = `m${m.seq}`;
    el.dataset.seq = m.seq;
    el.dataset.messageId = m.id;
    el.dataset.status = m.status;
    if (m.author) el.dataset.authorId = m.author.id;
    if (m.hidden) el.dataset.hidden = "true";
    if (m.deleted) el.dataset.deleted = "true";
    if (m.status !== "published") el.classList.add("dc-held");
    if (m.pinned) el.classList.add("dc-pinned");
    const mine = m.my_reactions || (previous && previous.dataset.mine ? previous.dataset.mine.split(" ") : []);
    el.dataset.mine = mine.join(" ");
    if (!el.dataset.mine) delete el.dataset.mine;

    if (m.author) {
      const author = part(el, "author");
      if (m.author.url) author.href = m.author.url;
      else author.removeAttribute("href"); // a pupil has no public profile
      author.textContent = m.author.name;
      if (!m.author.pupil) part(el, "pupil").remove();
      part(el, "system").remove();
    } else {
      part(el, "author").remove();
      part(el, "pupil").remove();
    }
    const when = part(el, "time");
    when.href = `${d.roomPath}?around=${m.seq}#m${m.seq}`;
    when.firstElementChild.dateTime = m.created_at;
    when.firstElementChild.textContent = clock(m.created_at);
    const edited = part(el, "edited");
    if (m.edited_at && !m.deleted) edited.href = messageUrl(edited.getAttribute("href"), m.id);
    else edited.remove();
    if (!m.pinned) part(el, "pinned").remove();
    if (m.status !== "held" || m.held_for) part(el, "held").remove();
    if (m.status !== "held" || !m.held_for) part(el, "held-pupil").remove();
    if (m.status !== "rejected") part(el, "rejected").remove();
    if (!m.edit_pending) part(el, "edit-pending").remove(); // the author's own edit, held for review

    const replyto = part(el, "replyto");
    if (m.reply_to) {
      const parent = byId(m.reply_to);
      const link = part(el, "replyto-parent");
      if (parent) {
        link.href = `#m${parent.dataset.seq}`;
        link.textContent = fillIn(link.textContent, { name: authorName(parent) });
        part(el, "replyto-earlier").remove();
      } else {
        link.remove();
      }
    } else {
      replyto.remove();
    }
    if (!m.deleted) part(el, "removed").remove();
    if (!(m.hidden && !m.deleted && !showBody)) part(el, "removed-by-moderator").remove();
    if (showBody) {
      const hiddenNotice = part(el, "hidden-notice");
      if (m.hidden) hiddenNotice.textContent = fillIn(hiddenNotice.textContent, { reason: m.hidden_reason || "—" });
      else hiddenNotice.remove();
      part(el, "body").innerHTML = m.body_html;
      const files = part(el, "attachments");
      if (m.attachments && m.attachments.length) {
        const image = part(files, "attachment-image");
        const file = part(files, "attachment-file");
        const items = m.attachments.map((a) => {
          const li = (a.kind === "image" ? image : file).cloneNode(true);
          li.removeAttribute("data-part");
          const link = li.querySelector("a");
          link.href = a.url;
          if (a.kind === "image") {
            const img = li.querySelector("img");
            img.src = a.url;
            img.alt = a.name;
          } else {
            link.download = a.name;
            link.textContent = a.name;
            li.querySelector(".meta").textContent = `(${fileSize(a.size)})`;
          }
          return li;
        });
        files.replaceChildren(...items);
      } else {
        files.remove();
      }
    } else {
      drop(el, '[data-part="hidden-notice"], [data-part="body"], [data-part="attachments"]');
    }

    const reactions = part(el, "reactions");
    if (!m.deleted && !m.hidden) {
      reactions.dataset.reactionsFor = m.id;
      renderReactions(el, m.reactions || {});
    } else {
      reactions.remove();
    }

    const actions = part(el, "actions");
    if (can.any) {
      const name = m.author ? m.author.name : "";
      const reply = part(actions, "reply");
      if (can.reply) {
        reply.href = `${d.roomPath}?reply_to=${m.id}#compose`;
        fillSr(reply, { name });
      } else {
        reply.remove();
      }
      const react = part(actions, "react");
      if (can.react) {
        const form = react.querySelector("form");
        form.action = messageUrl(form.getAttribute("action"), m.id);
      } else {
        react.remove();
      }
      const edit = part(actions, "edit");
      if (can.edit) edit.href = `${messageUrl(edit.getAttribute("href"), m.id)}?next=${encodeURIComponent(here()).replace(/%2F/g, "/")}`;
      else edit.remove();
      const del = part(actions, "delete");
      if (can.delete) del.action = messageUrl(del.getAttribute("action"), m.id);
      else del.remove();
      const moderate = part(actions, "moderate");
      if (can.moderate) {
        moderate.href = messageUrl(moderate.getAttribute("href"), m.id);
        fillSr(moderate, { name });
      } else {
        moderate.remove();
      }
      const report = part(actions, "report");
      if (can.report) {
        report.href = messageUrl(report.getAttribute("href"), m.id);
        fillSr(report, { name });
      } else {
        report.remove();
      }
      for (const input of actions.querySelectorAll('input[name="next"]')) input.value = here();
    } else {
      actions.remove();
    }
    return el;
  }

  function fileSize(bytes) {
    if (bytes < 1024) return `${bytes} bytes`;
    const units = ["KB", "MB", "GB"];
    let value = bytes / 1024;
    let unit = 0;
    while (value >= 1024 && unit < units.length - 1) { value /= 1024; unit += 1; }
    return `${value.toFixed(1)} ${units[unit]}`;
  }

  function renderReactions(el, reactions) {
    const box = el.querySelector(".dc-reactions");
    if (!box) return;
    const mine = new Set((el.dataset.mine || "").split(" ").filter(Boolean));
    const entries = Object.entries(reactions).filter(([, n]) => n > 0);
    const proto = tpl.content.querySelector(".dc-reaction-counts");
    if (!entries.length) { box.replaceChildren(); return; }
    const ul = proto.cloneNode(false);
    const action = messageUrl(proto.querySelector("form").getAttribute("action"), el.dataset.messageId);
    // the message as far as its element says (the reactions box is there only when not removed)
    const can = messageActions({ author: null, status: el.dataset.status, hidden: el.dataset.hidden === "true", deleted: el.dataset.deleted === "true" }, caps());
    for (const [emoji, n] of entries) {
      let li;
      if (can.react) {
        li = part(proto, "reaction-button").cloneNode(true);
        li.querySelector("form").action = action;
        li.querySelector('input[name="next"]').value = here();
        const button = li.querySelector("button");
        button.value = emoji;
        button.textContent = `${emoji} ${n}`;
        button.setAttribute("aria-pressed", mine.has(emoji) ? "true" : "false");
      } else {
        li = part(proto, "reaction-count").cloneNode(true);
        li.querySelector(".tag").textContent = `${emoji} ${n}`;
      }
      li.removeAttribute("data-part");
      ul.append(li);
    }
    box.replaceChildren(ul);
  }

  // --- the pinned strip ---
  function renderPinned(m) {
    if (!pinnedList) return;
    const current = pinnedList.querySelector(`[data-pinned-id="${Number(m.id)}"]`);
    const shown = m.pinned && !m.deleted && !m.hidden && m.status === "published";
    if (!shown) {
      if (current) current.remove();
    } else {
      const holder = document.createElement("div");
      holder.innerHTML = m.body_html; // parsed, never attached: only its text is used
      let text = (holder.textContent || "").replace(/\s+/g, " ").trim();
      if (text.length > 80) text = `${text.slice(0, 79)}…`;
      const li = document.createElement("li");
      li.dataset.pinnedId = m.id;
      const link = li.appendChild(document.createElement("a"));
      link.href = `${d.roomPath}?around=${m.seq}#m${m.seq}`;
      const who = link.appendChild(document.createElement("span"));
      who.className = "dc-author";
      who.textContent = m.author ? m.author.name : (authorName(byId(m.id)) || "");
      link.append(": ");
      const body = link.appendChild(document.createElement("span"));
      body.className = "room-pinned-text";
      body.textContent = text;
      if (current) current.replaceWith(li); else pinnedList.prepend(li);
    }
    if (pinnedBox) pinnedBox.hidden = !pinnedList.children.length;
  }

  return { byId, bySeq, part, drop, authorName, render, renderReactions, renderPinned };
}
