"""CMS pages, snippets and event registrations.

Index pages and their detail pages are paired by parent_page_types /
subpage_types. Listing queries live in cms/selectors.py, a page's translations
in cms/translations.py, writes in cms/services.py, access rules in
cms/permissions.py; those import these models, never the reverse (the pages'
readers register with page_context and address_fallback).
"""

import zoneinfo

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404, HttpResponseRedirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail.url_routing import RouteResult

from .blocks import BaseStreamBlock, validate_embed_url
from .forms import EventPageForm

INTRO_FEATURES = ["bold", "italic", "link"]


# --- Snippets -------------------------------------------------------------------
class Topic(TranslatableMixin, index.Indexed, models.Model):
    """A topic tag, translated with Wagtail's locales: one row per language, one shared slug.

    Pages keep the topics they were given (usually in the default language); readers
    see each topic in their language where it has a translation (cms/selectors.py).
    """

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(
        _("slug"), max_length=100, help_text=_("The same in every language of the topic.")
    )
    description = models.CharField(_("description"), max_length=300, blank=True)

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]
    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        unique_together = [("translation_key", "locale"), ("slug", "locale"), ("name", "locale")]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self):
        return self.name


class PartnerOrganisation(index.Indexed, models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("logo"),
    )

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]
    panels = [
        FieldPanel("name"),
        FieldPanel("website"),
        FieldPanel("description"),
        FieldPanel("logo"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")

    def __str__(self):
        return self.name


# --- Shared page behaviour --------------------------------------------------------
# What a page shows beyond its own fields (its listings, its links to its translations), and
# where an address that its language's tree lacks leads, are reads of cms.selectors and
# cms.translations, which import these models; they register here when CmsConfig.ready()
# imports them, so that these models import no reader of their own.
_context_readers = []  # (page model, reader(page, request) -> dict), in registration order
_address_fallbacks = []  # finder(home, request, path_components) -> (page, message) or None


def page_context(model):
    """Register `reader(page, request) -> dict` as part of the context of `model`'s pages."""

    def register(reader):
        _context_readers.append((model, reader))
        return reader

    return register


def address_fallback(finder):
    """Register `finder(home, request, path_components)`: the page (and the message for the
    reader, or None) that an address naming no page of a home page's tree leads to, or None."""
    _address_fallbacks.append(finder)
    return finder


class CmsPage(Page):
    """Abstract base: the context that the registered readers add (see page_context)."""

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        for model, reader in _context_readers:
            if isinstance(self, model):
                context.update(reader(self, request))
        return context


class HomePage(CmsPage):
    intro = RichTextField(_("what the platform is"), features=INTRO_FEATURES, blank=True)
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        InlinePanel("featured_resources", label=_("Featured resources"), max_num=6),
        FieldPanel("body"),
    ]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "cms.ResourceIndexPage",
        "cms.EventIndexPage",
        "cms.NewsIndexPage",
        "cms.StandardPage",
    ]
    template = "cms/home_page.html"

    class Meta:
        verbose_name = _("home page")

    def route(self, request, path_components):
        """An address that names a page of another language's tree leads to it, never a 404."""
        try:
            return super().route(request, path_components)
        except Http404:
            for finder in _address_fallbacks if path_components else ():
                found = finder(self, request, path_components)
                if found is not None:
                    return RouteResult(self, kwargs={"moved_to": found})
            raise

    def serve(self, request, *args, moved_to=None, **kwargs):
        if moved_to is not None:
            page, message = moved_to
            if message:
                messages.info(request, message)
            return HttpResponseRedirect(page.get_url(request))
        return super().serve(request, *args, **kwargs)


class HomePageFeaturedResource(Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_resources")
    resource = models.ForeignKey("cms.ResourcePage", on_delete=models.CASCADE, related_name="+")
    panels = [PageChooserPanel("resource", "cms.ResourcePage")]


class StandardPage(CmsPage):
    intro = models.CharField(_("introduction"), max_length=300, blank=True)
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["cms.HomePage", "cms.StandardPage"]
    subpage_types = ["cms.StandardPage"]
    template = "cms/standard_page.html"

    class Meta:
        verbose_name = _("standard page")

    @property
    def summary(self):
        return self.intro


# --- Resources ----------------------------------------------------------------------
class ResourceIndexPage(CmsPage):
    intro = RichTextField(_("introduction"), features=INTRO_FEATURES, blank=True)
    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.ResourcePage"]
    max_count_per_parent = 1
    template = "cms/resource_index_page.html"

    class Meta:
        verbose_name = _("resource library")


class ResourcePage(CmsPage):
    FORMATS = [
        ("guide", _("Guide")),
        ("lesson_plan", _("Lesson plan")),
        ("slides", _("Slides")),
        ("video", _("Video")),
        ("recording", _("Recording")),
        ("toolkit", _("Toolkit")),
    ]
    AUDIENCES = [
        ("primary", _("Primary (grades 1–4)")),
        ("lower_secondary", _("Lower secondary (grades 5–9)")),
        ("upper_secondary", _("Upper secondary (grades 10–11)")),
        ("all", _("All grades")),
    ]
    LICENCES = [
        ("cc-by-4.0", "CC BY 4.0"),
        ("cc-by-sa-4.0", "CC BY-SA 4.0"),
        ("cc-by-nc-4.0", "CC BY-NC 4.0"),
        ("all-rights-reserved", _("All rights reserved")),
    ]
    summary = models.CharField(_("summary"), max_length=300)
    resource_format = models.CharField(_("format"), max_length=20, choices=FORMATS, default="guide")
    topics = ParentalManyToManyField(
        Topic, blank=True, related_name="resources", verbose_name=_("topics")
    )
    audience = models.CharField(_("audience"), max_length=20, choices=AUDIENCES, default="all")
    content_language = models.CharField(
        _("language of the material"), max_length=10, choices=settings.ALL_LANGUAGES, default="en"
    )
    estimated_minutes = models.PositiveIntegerField(
        _("estimated time (minutes)"), null=True, blank=True
    )
    licence = models.CharField(_("licence"), max_length=30, choices=LICENCES, default="cc-by-4.0")
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("resource_format"), FieldPanel("audience")]),
                FieldRowPanel([FieldPanel("content_language"), FieldPanel("estimated_minutes")]),
                FieldPanel("licence"),
                FieldPanel("topics"),
            ],
            heading=_("About this material"),
        ),
        FieldPanel("body"),
        InlinePanel("documents", label=_("Attached documents")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("resource_format"),
        index.FilterField("audience"),
        index.FilterField("content_language"),
    ]
    parent_page_types = ["cms.ResourceIndexPage"]
    subpage_types = []
    template = "cms/resource_page.html"

    class Meta:
        verbose_name = _("resource")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["attached_documents"] = list(self.documents.select_related("document"))
        return context


class ResourceDocument(Orderable):
    page = ParentalKey(ResourcePage, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey("wagtaildocs.Document", on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("title"), max_length=200, blank=True)
    panels = [FieldPanel("document"), FieldPanel("title")]

    @property
    def label(self):
        return self.title or self.document.title


# --- Events ---------------------------------------------------------------------------
class EventIndexPage(CmsPage):
    intro = RichTextField(_("introduction"), features=INTRO_FEATURES, blank=True)
    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.EventPage"]
    max_count_per_parent = 1
    template = "cms/event_index_page.html"

    class Meta:
        verbose_name = _("events")


def validate_time_zone(value):
    if value not in zoneinfo.available_timezones():
        raise ValidationError(
            _("“%(zone)s” is not a known time zone, e.g. Asia/Baku."), params={"zone": value}
        )


class EventPage(CmsPage):
    KINDS = [
        ("conference", _("Conference")),
        ("workshop", _("Workshop")),
        ("symposium", _("Symposium")),
        ("webinar", _("Webinar")),
    ]
    MODES = [
        ("online", _("Online")),
        ("in_person", _("In person")),
        ("hybrid", _("Online and in person")),
    ]
    summary = models.CharField(_("summary"), max_length=300)
    kind = models.CharField(_("kind of event"), max_length=20, choices=KINDS, default="workshop")
    topics = ParentalManyToManyField(
        Topic, blank=True, related_name="events", verbose_name=_("topics")
    )
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"))
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default="Asia/Baku",
        validators=[validate_time_zone],
        help_text=_("The times above are in this time zone, e.g. Asia/Baku."),
    )
    mode = models.CharField(_("where"), max_length=20, choices=MODES, default="in_person")
    venue = models.CharField(_("place"), max_length=300, blank=True)
    online_url = models.URLField(_("online meeting address"), blank=True)
    organisers = ParentalManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="organised_events",
        verbose_name=_("organisers"),
    )
    partners = ParentalManyToManyField(
        PartnerOrganisation, blank=True, related_name="events", verbose_name=_("partners")
    )
    capacity = models.PositiveIntegerField(
        _("places"),
        null=True,
        blank=True,
        help_text=_("Leave empty for no limit; beyond it people join a waiting list."),
    )
    registration_opens = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes = models.DateTimeField(_("registration closes"), null=True, blank=True)
    hours = models.DecimalField(
        _("learning hours"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        help_text=_("Hours recorded for those who attend."),
    )
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("description"))
    slides = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("slides"),
    )
    recording_url = models.URLField(
        _("recording"),
        blank=True,
        validators=[validate_embed_url],
        help_text=_("A YouTube or Vimeo address."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("kind"),
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldPanel("time_zone"),
                FieldRowPanel([FieldPanel("mode"), FieldPanel("venue")]),
                FieldPanel("online_url"),
                FieldPanel("topics"),
            ],
            heading=_("When and where"),
        ),
        MultiFieldPanel(
            [FieldPanel("organisers"), FieldPanel("partners")],
            heading=_("Organisers and partners"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("capacity"),
                FieldRowPanel(
                    [FieldPanel("registration_opens"), FieldPanel("registration_closes")]
                ),
                FieldPanel("hours"),
            ],
            heading=_("Registration"),
        ),
        FieldPanel("body"),
        InlinePanel("sessions", label=_("Agenda")),
        MultiFieldPanel(
            [FieldPanel("slides"), FieldPanel("recording_url")], heading=_("After the event")
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("venue"),
        index.SearchField("body"),
        index.FilterField("start"),
        index.FilterField("kind"),
    ]
    parent_page_types = ["cms.EventIndexPage"]
    subpage_types = []
    template = "cms/event_page.html"
    base_form_class = EventPageForm  # times in the event's own time zone

    class Meta:
        verbose_name = _("event")

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.end <= self.start:
            errors["end"] = _("The event must end after it starts.")
        if (
            self.registration_opens
            and self.registration_closes
            and self.registration_closes <= self.registration_opens
        ):
            errors["registration_closes"] = _("Registration must close after it opens.")
        if self.registration_closes and self.end and self.registration_closes > self.end:
            errors["registration_closes"] = _(
                "Registration cannot close after the event has ended."
            )
        if self.mode in ("in_person", "hybrid") and not self.venue:
            errors["venue"] = _("Say where an in-person event takes place.")
        if errors:
            raise ValidationError(errors)

    @property
    def zone(self):
        try:
            return zoneinfo.ZoneInfo(self.time_zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return zoneinfo.ZoneInfo("UTC")

    @property
    def local_start(self):
        return timezone.localtime(self.start, self.zone)

    @property
    def local_end(self):
        return timezone.localtime(self.end, self.zone)

    @property
    def is_past(self):
        return self.end <= timezone.now()

    @property
    def learning_hours(self):
        if self.hours is not None:
            return self.hours
        seconds = (self.end - self.start).total_seconds()
        return round(seconds / 3600, 1)

    def registration_is_open(self, now=None):
        now = now or timezone.now()
        if self.registration_opens and now < self.registration_opens:
            return False
        closes = self.registration_closes or self.start
        return now < closes


class EventSession(Orderable):
    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="sessions")
    starts_at = models.TimeField(_("time"))
    ends_at = models.TimeField(_("until"), null=True, blank=True)
    day = models.PositiveSmallIntegerField(_("day"), default=1)
    title = models.CharField(_("title"), max_length=200)
    speakers = models.CharField(_("speakers"), max_length=300, blank=True)
    panels = [
        FieldRowPanel([FieldPanel("day"), FieldPanel("starts_at"), FieldPanel("ends_at")]),
        FieldPanel("title"),
        FieldPanel("speakers"),
    ]


class EventRegistration(models.Model):
    CONFIRMED = "confirmed"
    WAITING = "waiting"
    CANCELLED = "cancelled"
    STATUSES = [
        (CONFIRMED, _("Registered")),
        (WAITING, _("On the waiting list")),
        (CANCELLED, _("Cancelled")),
    ]

    event = models.ForeignKey(EventPage, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_registrations"
    )
    status = models.CharField(max_length=12, choices=STATUSES, default=CONFIRMED)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    attended = models.BooleanField(default=False)
    attendance_marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["event", "user"], name="cms_registration_once_per_event"
            )
        ]
        indexes = [models.Index(fields=["event", "status", "created_at"])]
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.user} → {self.event} ({self.status})"


class EventReminder(models.Model):
    """The day-before reminder of one registration, written before it is sent (sent once)."""

    registration = models.OneToOneField(
        EventRegistration, on_delete=models.CASCADE, related_name="reminder"
    )
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"reminder of {self.registration_id} ({'sent' if self.sent_at else 'not sent'})"


# --- News -------------------------------------------------------------------------------
class NewsIndexPage(CmsPage):
    intro = RichTextField(_("introduction"), features=INTRO_FEATURES, blank=True)
    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.NewsPage"]
    max_count_per_parent = 1
    template = "cms/news_index_page.html"

    class Meta:
        verbose_name = _("news")


class NewsPage(CmsPage):
    CATEGORIES = [
        ("announcement", _("Announcement")),
        ("report", _("Event report")),
        ("opportunity", _("Opportunity")),
        ("policy", _("Policy")),
    ]
    date = models.DateField(_("date"), default=timezone.localdate)
    category = models.CharField(
        _("category"), max_length=20, choices=CATEGORIES, default="announcement"
    )
    topics = ParentalManyToManyField(
        Topic, blank=True, related_name="news", verbose_name=_("topics")
    )
    summary = models.CharField(_("summary"), max_length=300)
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("date"), FieldPanel("category")]),
        FieldPanel("topics"),
        FieldPanel("summary"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]
    parent_page_types = ["cms.NewsIndexPage"]
    subpage_types = []
    template = "cms/news_page.html"

    class Meta:
        verbose_name = _("news item")
