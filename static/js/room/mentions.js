// --- @mention completion: the composer and the in-place edit box are WAI-ARIA comboboxes with one listbox ---
// "@" and letters before the caret ask data-people-url?q= (debounced, stale requests aborted, cached per
// prefix) for the room's people; choosing one writes "@handle " at the caret. Strings come from the page.
// Without JavaScript nothing changes: the server resolves a typed @handle by itself.
export function mentionCompletion(root) {
  const d = root.dataset;
  if (!d.peopleUrl || !d.userId || !window.fetch) return;
  const t = (key, values) =>
    (d[key] || "").replace(/%\((\w+)\)s/g, (_, name) => (values && values[name] != null ? values[name] : ""));
  const FIELDS = "#compose textarea, .composer-edit textarea";
  const box = document.createElement("ul");
  box.id = "mention-list";
  box.className = "mention-list";
  box.setAttribute("role", "listbox");
  box.setAttribute("aria-label", t("i18nMentionList"));
  box.hidden = true;
  const said = document.createElement("div");
  said.className = "visually-hidden";
  said.setAttribute("aria-live", "polite");
  root.append(said);
  const cache = new Map();
  let field = null; // the textarea the list belongs to
  let found = null; // {start, prefix} of the "@word" being completed
  let people = [];
  let active = -1;
  let timer = 0;
  let request = null;

  const wire = (el) => {
    if (el.dataset.mention) return;
    el.dataset.mention = "on";
    el.setAttribute("role", "combobox");
    el.setAttribute("aria-autocomplete", "list");
    el.setAttribute("aria-expanded", "false");
    el.setAttribute("aria-controls", box.id);
  };
  // the "@word" that ends at the caret: handles are letters, digits, dots and hyphens
  const wordAt = (el) => {
    if (el.selectionStart !== el.selectionEnd) return null;
    const before = el.value.slice(0, el.selectionStart);
    const match = /(?:^|[\s([{"'«])@([\p{L}\p{N}][\p{L}\p{N}._-]{0,39})$/u.exec(before);
    return match ? { start: before.length - match[1].length - 1, prefix: match[1] } : null;
  };
  const close = () => {
    window.clearTimeout(timer);
    if (request) request.abort();
    request = null;
    people = [];
    active = -1;
    box.hidden = true;
    box.replaceChildren();
    if (field) {
      field.setAttribute("aria-expanded", "false");
      field.removeAttribute("aria-activedescendant");
    }
  };
  const mark = (index) => {
    active = index;
    box.querySelectorAll("[role=option]").forEach((option, i) => option.setAttribute("aria-selected", String(i === index)));
    if (index >= 0) field.setAttribute("aria-activedescendant", `mention-option-${index}`);
    else field.removeAttribute("aria-activedescendant");
  };
  const show = (list) => {
    if (!list.length) { close(); return; }
    people = list.slice(0, 8);
    box.replaceChildren(...people.map((person, i) => {
      const option = document.createElement("li");
      option.id = `mention-option-${i}`;
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.dataset.index = i;
      const name = option.appendChild(document.createElement("span"));
      name.textContent = person.name;
      const handle = option.appendChild(document.createElement("span"));
      handle.className = "meta";
      handle.textContent = `@${person.handle}`;
      option.insertBefore(document.createTextNode(" "), handle);
      return option;
    }));
    const after = field.closest(".composer-edit") ? field : field.closest("p") || field;
    if (after.nextElementSibling !== box) after.after(box);
    box.hidden = false;
    field.setAttribute("aria-expanded", "true");
    mark(-1);
    said.textContent = t("i18nMentionCount", { count: people.length });
  };
  const choose = (index) => {
    const person = people[index];
    if (!person || !field || !found) return;
    const caret = field.selectionStart;
    const text = `@${person.handle} `;
    field.setRangeText(text, found.start, caret, "end");
    close();
    field.focus();
    said.textContent = t("i18nMentionChosen", { name: person.name });
  };
  const load = (key) => {
    if (request) request.abort();
    request = new AbortController();
    const url = `${d.peopleUrl}?q=${encodeURIComponent(key)}`;
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" }, signal: request.signal })
      .then((response) => (response.ok ? response.json() : []))
      .then((list) => {
        cache.set(key, Array.isArray(list) ? list : []);
        const now = field && wordAt(field);
        if (now && now.prefix.toLowerCase() === key) show(cache.get(key));
      })
      .catch(() => {}); // aborted or offline: no suggestions, typing goes on
  };
  const update = (el) => {
    wire(el);
    if (field && field !== el) close();
    field = el;
    found = wordAt(el);
    if (!found) { close(); return; }
    const key = found.prefix.toLowerCase();
    window.clearTimeout(timer);
    if (cache.has(key)) { show(cache.get(key)); return; }
    timer = window.setTimeout(() => load(key), 150);
  };

  root.addEventListener("input", (event) => {
    if (event.target.matches && event.target.matches(FIELDS)) update(event.target);
  });
  root.addEventListener("focusin", (event) => {
    if (event.target.matches && event.target.matches(FIELDS)) wire(event.target);
  });
  root.addEventListener("focusout", (event) => {
    if (event.target === field && !box.contains(event.relatedTarget)) close();
  });
  // capture: before the edit box's own Escape (which closes the editor) and before a newline is typed
  root.addEventListener("keydown", (event) => {
    if (event.target !== field || box.hidden || event.isComposing) return;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      mark(active < 0 ? (step > 0 ? 0 : people.length - 1) : (active + step + people.length) % people.length);
    } else if ((event.key === "Enter" && active >= 0) || event.key === "Tab") {
      event.preventDefault();
      choose(active >= 0 ? active : 0);
    } else if (event.key === "Escape") {
      event.preventDefault();
      event.stopPropagation();
      close();
    }
  }, true);
  root.addEventListener("keyup", (event) => { // the caret moved away from the word
    if (event.target === field && !box.hidden && (event.key === "ArrowLeft" || event.key === "ArrowRight" || event.key === "Home" || event.key === "End") && !wordAt(field)) close();
  });
  root.addEventListener("submit", close, true); // sent: the text is gone, so is the list
  box.addEventListener("mousedown", (event) => event.preventDefault()); // the field keeps its focus and caret
  box.addEventListener("click", (event) => {
    const option = event.target.closest("[role=option]");
    if (option) choose(Number(option.dataset.index));
  });
}
