"""The one cleaner for user-written HTML.

Every user-written field that is shown as HTML (message bodies, bios,
community and project descriptions, journal entries) is rendered from light
formatting with `render_markup()` once, on write, and stored; or, where a
field arrives as HTML, passed through `clean_html()`. Nothing else in the
project calls bleach.

Light formatting: blank-line paragraphs, line breaks, *emphasis*, **strong**,
`code`, ```code blocks```, "- " / "1. " lists, bare http(s) links, @mentions
(rendered by the caller through `mention_url`).
"""

import html
import re
from functools import partial

import bleach
from bleach.linkifier import LinkifyFilter

ALLOWED_TAGS = frozenset(
    {"p", "br", "a", "em", "strong", "code", "pre", "ul", "ol", "li", "blockquote", "h2", "h3", "h4"}
)
ALLOWED_ATTRIBUTES = {"a": ["href", "title", "rel", "class"]}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})


def _set_link_rel(attrs, new=False):
    href_key = (None, "href")
    if href_key not in attrs:
        return attrs
    href = attrs[href_key]
    if href.startswith("/") and not href.startswith("//"):
        return attrs  # internal link (mentions): no nofollow
    attrs[(None, "rel")] = "nofollow noopener"
    return attrs


_cleaner = bleach.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    protocols=ALLOWED_PROTOCOLS,
    strip=True,
    strip_comments=True,
    filters=[partial(LinkifyFilter, callbacks=[_set_link_rel], skip_tags={"pre", "code"}, parse_email=False)],
)


def clean_html(value):
    """Clean arbitrary HTML against the allowlist; links get rel="nofollow noopener"."""
    if not value:
        return ""
    return _cleaner.clean(value)


_INLINE_CODE = re.compile(r"`([^`\n]+)`")
_STRONG = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_EM = re.compile(r"(?<![\*\w])\*(?=\S)(.+?)(?<=\S)\*(?![\*\w])")
_UL = re.compile(r"^\s*[-*]\s+(.*)$")
_OL = re.compile(r"^\s*\d+[.)]\s+(.*)$")
MENTION = re.compile(r"(?<![\w@])@([\w.\-]{2,40})", re.UNICODE)


def _inline(text, mention_url=None):
    text = html.escape(text, quote=False)
    codes = []

    def stash(match):
        codes.append(match.group(1))
        return f"\x00{len(codes) - 1}\x00"

    text = _INLINE_CODE.sub(stash, text)
    text = _STRONG.sub(r"<strong>\1</strong>", text)
    text = _EM.sub(r"<em>\1</em>", text)
    if mention_url is not None:

        def mention(match):
            url = mention_url(match.group(1))
            if not url:
                return match.group(0)
            return f'<a href="{html.escape(url)}" class="mention">@{match.group(1)}</a>'

        text = MENTION.sub(mention, text)
    return re.sub(r"\x00(\d+)\x00", lambda m: f"<code>{codes[int(m.group(1))]}</code>", text)


def render_markup(text, *, mention_url=None):
    """Render light formatting to cleaned HTML. Never trusts the input."""
    if not text or not text.strip():
        return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    out = []
    for block_index, block in enumerate(re.split(r"(```.*?```)", text, flags=re.S)):
        if block_index % 2 == 1:
            out.append(f"<pre><code>{html.escape(block[3:-3].strip(chr(10)), quote=False)}</code></pre>")
            continue
        for para in re.split(r"\n\s*\n", block):
            lines = [line for line in para.split("\n") if line.strip()]
            if not lines:
                continue
            if all(_UL.match(line) for line in lines):
                items = "".join(f"<li>{_inline(_UL.match(line).group(1), mention_url)}</li>" for line in lines)
                out.append(f"<ul>{items}</ul>")
            elif all(_OL.match(line) for line in lines):
                items = "".join(f"<li>{_inline(_OL.match(line).group(1), mention_url)}</li>" for line in lines)
                out.append(f"<ol>{items}</ol>")
            else:
                out.append("<p>" + "<br>".join(_inline(line, mention_url) for line in lines) + "</p>")
    return clean_html("".join(out))


def mentioned_names(text):
    """The @names in a text, in order, without duplicates."""
    seen = []
    for name in MENTION.findall(text or ""):
        if name not in seen:
            seen.append(name)
    return seen


# Bidi overrides, embeddings and isolates, directional marks and invisible characters: in a
# name they reorder or hide the text around it. The joiners U+200C/U+200D stay (Persian, emoji).
_REORDERING = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\u200b\u2060\ufeff]")


def clean_name(value):
    """A name or title as shown: without characters that reorder or hide surrounding text."""
    return _REORDERING.sub("", value or "").strip()
