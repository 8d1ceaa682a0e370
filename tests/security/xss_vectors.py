"""The XSS corpus: hostile inputs, as data, for every user-written field the site shows.

Each vector, if a browser ever ran it, calls ``window.__xss(N)`` (or ``alert(N)``) with its own
number, so the browser tests can tell which one got through; the server-side tests check the
rendered HTML with a parser instead. Families:

- ``script``: script elements and event handlers
- ``scheme``: javascript:/data:/vbscript: links, disguised with entities, whitespace and case
- ``mutation``: svg/math/noscript/template/style parser-confusion (mutation XSS) tricks
- ``breakout``: attribute and element breaks (quotes, </textarea>, </title>, </script>)
- ``markup``: the light formatting's own syntax (markdown-style links, autolinks, code spans)
- ``unicode``: bidi overrides and zero-width characters (for names)
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Vector:
    number: int
    family: str
    text: str

    def __str__(self):
        return self.text


_RAW = [
    # script and event handlers
    ("script", "<script>window.__xss({n})</script>"),
    ("script", "<SCRIPT>alert({n})</SCRIPT>"),
    ("script", "<script src=data:text/javascript,window.__xss({n})></script>"),
    ("script", '<img src=x onerror="window.__xss({n})">'),
    ("script", "<img src=x onerror=window.__xss({n})//"),
    ("script", "<IMG SRC=x OnErRoR=alert({n})>"),
    ("script", "<body onload=window.__xss({n})>"),
    ("script", "<input autofocus onfocus=window.__xss({n})>"),
    ("script", "<details open ontoggle=window.__xss({n})>x</details>"),
    ("script", "<video><source onerror=window.__xss({n})></video>"),
    ("script", "<audio src=x onerror=window.__xss({n})>"),
    ("script", '<iframe srcdoc="<script>parent.__xss({n})</script>"></iframe>'),
    ("script", "<marquee onstart=window.__xss({n})>m</marquee>"),
    ("script", "<select autofocus onfocus=window.__xss({n})></select>"),
    ("script", "<div onmouseover=window.__xss({n}) style=position:fixed;inset:0>hover</div>"),
    ("script", '<object data="javascript:window.__xss({n})"></object>'),
    ("script", '<embed src="javascript:window.__xss({n})">'),
    ("script", "<img src=x:x onerror\n=\nwindow.__xss({n})>"),
    # javascript:/data:/vbscript: links, disguised
    ("scheme", '<a href="javascript:window.__xss({n})">link</a>'),
    ("scheme", '<a href="&#106;avascript:window.__xss({n})">link</a>'),
    ("scheme", '<a href="&#x6A;&#x61;&#x76;&#x61;script:window.__xss({n})">link</a>'),
    ("scheme", '<a href="jav&#x09;ascript:window.__xss({n})">link</a>'),
    ("scheme", '<a href="java\tscript:window.__xss({n})">link</a>'),
    ("scheme", '<a href="java\nscript:window.__xss({n})">link</a>'),
    ("scheme", '<a href=" JaVaScRiPt:window.__xss({n})">link</a>'),
    ("scheme", '<a href="javascript&colon;window.__xss({n})">link</a>'),
    ("scheme", '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">d{n}</a>'),
    ("scheme", '<a href="data:text/html,<script>parent.__xss({n})</script>">link</a>'),
    ("scheme", '<a href="vbscript:msgbox({n})">link</a>'),
    ("scheme", '<a href="\x01javascript:window.__xss({n})">link</a>'),
    ("scheme", '<form action="javascript:window.__xss({n})"><button>go</button></form>'),
    ("scheme", '<button formaction="javascript:window.__xss({n})">go</button>'),
    ("scheme", '<a href="javascript:window.__xss({n})" title="x">x</a>'),
    ("scheme", "javascript:window.__xss({n})"),
    # mutation tricks
    ("mutation", "<svg><script>window.__xss({n})</script></svg>"),
    ("mutation", "<svg onload=window.__xss({n})>"),
    ("mutation", "<svg><animate onbegin=window.__xss({n}) attributeName=x dur=1s>"),
    ("mutation", "<math><mtext><table><mglyph><style><img src=x onerror=window.__xss({n})>"),
    ("mutation", '<noscript><p title="</noscript><img src=x onerror=window.__xss({n})>">'),
    ("mutation", "<template><img src=x onerror=window.__xss({n})></template>"),
    ("mutation", "<style></style><img src=x onerror=window.__xss({n})>"),
    ("mutation", "<style>@import 'javascript:window.__xss({n})';</style>"),
    (
        "mutation",
        "<form><math><mtext></form><form><mglyph><style></math><img src onerror=window.__xss({n})>",
    ),
    ("mutation", "<svg><foreignObject><img src=x onerror=window.__xss({n})></foreignObject></svg>"),
    ("mutation", "<!--<img src=x onerror=window.__xss({n})>-->"),
    ("mutation", '<base href="javascript:window.__xss({n})//">'),
    ("mutation", '<meta http-equiv="refresh" content="0;url=javascript:window.__xss({n})">'),
    # attribute and element breaks
    ("breakout", '" onmouseover="window.__xss({n})" x="'),
    ("breakout", "' onfocus='window.__xss({n})' autofocus x='"),
    ("breakout", "'><img src=x onerror=window.__xss({n})>"),
    ("breakout", '"><img src=x onerror=window.__xss({n})>'),
    ("breakout", "</textarea><img src=x onerror=window.__xss({n})>"),
    ("breakout", "</title><img src=x onerror=window.__xss({n})>"),
    ("breakout", "</script><img src=x onerror=window.__xss({n})>"),
    ("breakout", "</style><img src=x onerror=window.__xss({n})>"),
    ("breakout", '<p style="background:url(javascript:window.__xss({n}))">css</p>'),
    ("breakout", '<div style="x:expression(window.__xss({n}))">css</div>'),
    ("breakout", "`${{window.__xss({n})}}` {{{{7*7}}}}"),
    # the light formatting's own syntax
    ("markup", "[click](javascript:window.__xss({n}))"),
    ("markup", "[click](  JAVASCRIPT:window.__xss({n}))"),
    ("markup", "<javascript:window.__xss({n})>"),
    ("markup", '![img](x" onerror="window.__xss({n}))'),
    ("markup", "*<img src=x onerror=window.__xss({n})>*"),
    ("markup", "`<script>window.__xss({n})</script>`"),
    ("markup", "```\n</code></pre><img src=x onerror=window.__xss({n})>\n```"),
    ("markup", 'https://example.org/"onmouseover="window.__xss({n})'),
    ("markup", "@<img/src/onerror=window.__xss({n})>"),
    ("markup", "**<a href=javascript:window.__xss({n})>b</a>**"),
    # bidi and zero-width characters (names)
    ("unicode", "Ali\u202eXSS{n}\u202c"),
    ("unicode", "Nur\u200b\u200c\u200d\ufeffana{n}"),
    ("unicode", "\u2067Leyla{n}\u2069"),
    ("unicode", "Kamal\u202d{n}\u202a\u200e\u200f"),
]

VECTORS = tuple(
    Vector(i + 1, family, text.format(n=i + 1)) for i, (family, text) in enumerate(_RAW)
)
FAMILIES = tuple(dict.fromkeys(v.family for v in VECTORS))

#: Characters that reorder or hide text: a name carrying them must be stripped or isolated.
#: The joiners U+200C/U+200D are not among them: Persian words and emoji sequences need them.
BIDI_AND_INVISIBLE = frozenset(
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c\u200b\u2060\ufeff"
)


def one_of_each_family():
    """The first vector of each family: the representative subset."""
    return tuple(next(v for v in VECTORS if v.family == f) for f in FAMILIES)


def all_in_one(vectors=VECTORS, separator="\n\n"):
    """Every vector in one text, each in its own paragraph."""
    return separator.join(v.text for v in vectors)


def fitting(limit):
    """The vectors no longer than `limit` (for short fields such as titles and names)."""
    return tuple(v for v in VECTORS if len(v.text) <= limit)
