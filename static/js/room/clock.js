// Times in the server's own format (Django's date letters and month names from the page), converted by
// Intl to the teacher's time zone: live messages and the server's text read alike.

// The server's pattern (Django date letters) and month names, from the page; Intl only converts
// to the teacher's zone, so the text is the server's own in every language.
export function timeFormatter(d, patternOverride) {
  let spec = {};
  try { spec = JSON.parse(d.timeFormat || "{}"); } catch { spec = {}; }
  const pattern = patternOverride || spec.pattern || "j M, H:i";
  const months = spec.months || [];
  const fields = { year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric", hourCycle: "h23" };
  let zoned;
  try {
    zoned = new Intl.DateTimeFormat("en-US", { ...fields, timeZone: d.timeZone || undefined });
  } catch {
    zoned = new Intl.DateTimeFormat("en-US", fields); // an unknown zone: the browser's own
  }
  const pad = (n) => String(n).padStart(2, "0");
  const letters = {
    j: (p) => String(p.day), d: (p) => pad(p.day), n: (p) => String(p.month), m: (p) => pad(p.month),
    M: (p) => months[p.month - 1] || String(p.month), Y: (p) => String(p.year),
    G: (p) => String(p.hour), H: (p) => pad(p.hour), i: (p) => pad(p.minute), s: (p) => pad(p.second),
  };
  return (value) => {
    const date = value instanceof Date ? value : new Date(value);
    const p = {};
    for (const piece of zoned.formatToParts(date)) if (piece.type !== "literal") p[piece.type] = Number(piece.value);
    p.hour %= 24;
    let out = "";
    for (let i = 0; i < pattern.length; i += 1) {
      const ch = pattern[i];
      if (ch === "\\") { out += pattern[i + 1] || ""; i += 1; } else out += letters[ch] ? letters[ch](p) : ch;
    }
    return out;
  };
}
