"""The one render path for CMS rich text: every rich-text field and block, whatever wrote it.

Stored rich text (from the editor, an import, the API or a migration) is expanded
by Wagtail (links to pages and documents get their addresses) and then passed
through the project's one HTML cleaner, `community.text.clean_html`, so a script,
an event handler or a javascript: link never reaches a reader. Wagtail's own
image and media embeds (``<embed embedtype="image|media" .../>``) are set aside
before cleaning and rendered by Wagtail's handlers from their ids and addresses,
so they still appear; anything else in an ``<embed>`` is dropped by the cleaner.
"""

import re
import secrets

from django.utils.safestring import mark_safe
from wagtail.rich_text import expand_db_html
from wagtail.rich_text.rewriters import FIND_EMBED_TAG, extract_attrs

from community.text import clean_html

WAGTAIL_EMBED_TYPES = frozenset({"image", "media"})
# Wagtail stores bold/italic as <b>/<i>; the cleaner keeps their semantic forms.
_SEMANTIC = re.compile(r"<(/?)(b|i)>", re.I)
_TAGS = {"b": "strong", "i": "em"}


def render_rich_text(value):
    """Safe HTML for a stored rich-text value (a RichText object or its source string)."""
    source = str(getattr(value, "source", value) or "")
    if not source.strip():
        return mark_safe("")  # noqa: S308 - empty
    token = f"wagtailembed{secrets.token_hex(8)}n"
    embeds = []

    def set_aside(match):
        if extract_attrs(match.group(1)).get("embedtype") not in WAGTAIL_EMBED_TYPES:
            return ""
        embeds.append(match.group(0))
        return f"{token}{len(embeds) - 1}z"

    source = FIND_EMBED_TAG.sub(set_aside, source)
    html = _SEMANTIC.sub(
        lambda m: f"<{m.group(1)}{_TAGS[m.group(2).lower()]}>", expand_db_html(source)
    )
    html = clean_html(html)
    if embeds:
        html = re.sub(
            rf"{token}(\d+)z", lambda m: expand_db_html(embeds[int(m.group(1))]), html
        )
    return mark_safe(html)  # noqa: S308 - cleaned by the project's cleaner; embeds rendered by Wagtail
