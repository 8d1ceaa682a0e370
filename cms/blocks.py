"""The one StreamField vocabulary shared by every CMS page (bakerydemo's BaseStreamBlock).

Rich text has a short feature list and is cleaned again when rendered
(cms/richtext.py, the project's one HTML cleaner), so a script smuggled into
the stored HTML never reaches a reader. Images need alt text. Video embeds accept only the
providers in ``EMBED_PROVIDERS`` and are rendered without an oEmbed call, so a
page never depends on a third party answering.
"""

import re
from urllib.parse import parse_qs, urlparse

from django.core.exceptions import ValidationError
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

from .richtext import render_rich_text

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]

# Provider name → host names accepted for it.
EMBED_PROVIDERS = {
    "YouTube": {
        "youtube.com",
        "www.youtube.com",
        "m.youtube.com",
        "youtu.be",
        "www.youtube-nocookie.com",
    },
    "Vimeo": {"vimeo.com", "www.vimeo.com", "player.vimeo.com"},
}
_YOUTUBE_ID = re.compile(r"^[\w-]{6,20}$")


def embed_src(url):
    """The privacy-friendly player address for an allowed video URL, or None."""
    try:
        parsed = urlparse(url or "")
    except ValueError:
        return None
    host = (parsed.hostname or "").lower()
    if host in EMBED_PROVIDERS["YouTube"]:
        video = None
        if host == "youtu.be":
            video = parsed.path.strip("/")
        elif parsed.path == "/watch":
            video = (parse_qs(parsed.query).get("v") or [""])[0]
        elif parsed.path.startswith(("/embed/", "/shorts/", "/live/")):
            video = parsed.path.split("/")[2]
        if video and _YOUTUBE_ID.match(video):
            return f"https://www.youtube-nocookie.com/embed/{video}"
        return None
    if host in EMBED_PROVIDERS["Vimeo"]:
        digits = [part for part in parsed.path.split("/") if part.isdigit()]
        if digits:
            return f"https://player.vimeo.com/video/{digits[-1]}"
    return None


def validate_embed_url(url):
    if url and embed_src(url) is None:
        raise ValidationError(
            _(
                "Videos can only be embedded from %(providers)s. Paste the address of a video on one of those sites."
            )
            % {"providers": ", ".join(EMBED_PROVIDERS)},
            code="embed_provider",
        )


class CleanRichTextBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    def render_basic(self, value, context=None):
        return render_rich_text(value)


class VideoEmbedBlock(blocks.URLBlock):
    """A YouTube or Vimeo address, shown as a privacy-enhanced player plus a plain link."""

    def clean(self, value):
        value = super().clean(value)
        validate_embed_url(value)
        return value

    def render_basic(self, value, context=None):
        src = embed_src(value)
        if not src:
            return ""
        if context and context.get("DATA_SAVER"):  # the data saver: no player, only the link
            return format_html('<div class="cms-video"><p><a href="{}">{}</a></p></div>', value, _("Watch the video on its site"))
        return format_html(
            '<div class="cms-video"><iframe src="{}" title="{}" loading="lazy" allowfullscreen></iframe>'
            '<p><a href="{}">{}</a></p></div>',
            src,
            _("Video"),
            value,
            _("Watch the video on its site"),
        )

    class Meta:
        icon = "media"
        help_text = _("A YouTube or Vimeo address.")


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        max_length=250,
        label=_("Alternative text"),
        help_text=_("Describe the image for people who cannot see it."),
    )
    caption = blocks.CharBlock(required=False, max_length=250)

    def clean(self, value):
        errors = {}
        if not (value.get("alt_text") or "").strip():
            errors["alt_text"] = ValidationError(_("Every image needs alternative text."))
        if errors:
            raise blocks.StructBlockValidationError(block_errors=errors)
        return super().clean(value)

    class Meta:
        icon = "image"
        template = "cms/blocks/image_block.html"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock()
    title = blocks.CharBlock(required=False, max_length=200)

    class Meta:
        icon = "doc-full"
        template = "cms/blocks/document_block.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock()
    attribution = blocks.CharBlock(required=False, max_length=200)

    class Meta:
        icon = "openquote"
        template = "cms/blocks/quote_block.html"


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        choices=[("info", _("Information")), ("tip", _("Tip")), ("warning", _("Important"))],
        default="info",
    )
    title = blocks.CharBlock(required=False, max_length=120)
    text = CleanRichTextBlock(features=["bold", "italic", "link", "ul", "ol"])

    class Meta:
        icon = "warning"
        template = "cms/blocks/callout_block.html"


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=200)
    text = CleanRichTextBlock(features=["bold", "italic", "link", "ul", "ol"], required=False)


class StepsBlock(blocks.StructBlock):
    title = blocks.CharBlock(required=False, max_length=200)
    steps = blocks.ListBlock(StepBlock(), min_num=1)

    class Meta:
        icon = "list-ol"
        template = "cms/blocks/steps_block.html"


class BaseStreamBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        max_length=200, icon="title", template="cms/blocks/heading_block.html"
    )
    paragraph = CleanRichTextBlock()
    image = ImageBlock()
    document = DocumentBlock()
    video = VideoEmbedBlock()
    quote = QuoteBlock()
    callout = CalloutBlock()
    steps = StepsBlock()
