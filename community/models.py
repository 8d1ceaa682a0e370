"""People and places: users, teachers' profiles, schools, regions, countries."""

import re
import zoneinfo

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from community.localized import LocalizedNameModel, current_language

HANDLE_MAX_LENGTH = 40  # community.text.MENTION matches @ and 2 to 40 of these characters
HANDLE_PATTERN = re.compile(r"^\w[\w.\-]*\w$")
validate_handle = RegexValidator(
    HANDLE_PATTERN,
    _(
        "A handle has 2 to 40 letters, digits, dots, hyphens or underscores, "
        "begins and ends with a letter or a digit, and has no @ or spaces."
    ),
    code="invalid_handle",
)


def handle_base(name):
    """A handle's stem from a person's name: "Günel Quliyeva" -> "günel-quliyeva" ("teacher" when nothing is left)."""
    stem = slugify(name or "", allow_unicode=True).replace("_", "-")
    stem = stem[: HANDLE_MAX_LENGTH - 4].strip("-.")
    return stem if len(stem) >= 2 else "teacher"


def unique_handle(name, *, exclude_pk=None):
    """A free handle derived from `name`: its stem, else the stem with the first free "-2", "-3"..."""
    base = handle_base(name)
    taken = User.objects.filter(username__istartswith=base)
    if exclude_pk is not None:
        taken = taken.exclude(pk=exclude_pk)
    taken = {handle.lower() for handle in taken.values_list("username", flat=True)}
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def handle_taken(handle, *, exclude_pk=None):
    others = User.objects.filter(username__iexact=handle)
    if exclude_pk is not None:
        others = others.exclude(pk=exclude_pk)
    return others.exists()


class User(AbstractUser):
    """A person on the platform. Teachers sign in with their e-mail address.

    `username` is the public *handle* (@handle in messages, member lists,
    frames): chosen by the teacher, unique whatever the case, and never an
    e-mail address. An account saved with an address there (an old habit of
    scripts and fixtures) gets a handle derived from its name instead.

    A teacher is *verified* once an ambassador of their school's region (or
    staff) confirms the school; `verified_at` records when.
    """

    username = models.CharField(
        _("handle"),
        max_length=HANDLE_MAX_LENGTH,
        unique=True,
        validators=[validate_handle],
        help_text=_("How others mention you: @handle. Letters, digits, dots, hyphens; no e-mail address."),
        error_messages={"unique": _("This handle is taken. Choose another one.")},
    )
    email = models.EmailField(_("e-mail address"), unique=True)
    email_confirmed = models.BooleanField(_("e-mail confirmed"), default=False)
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    # A pupil's account, made and managed by their teacher in a project (projects.Pupil): it
    # signs in with a class code and a card password, and sees that project's workspace only.
    is_pupil = models.BooleanField(_("pupil"), default=False, editable=False)
    verified_by = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("verified by")
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(
                Lower("username"),
                name="unique_handle_any_case",
                violation_error_message=_("This handle is taken. Choose another one."),
            )
        ]

    def __str__(self):
        return self.display_name

    def save(self, *args, **kwargs):
        if not self.username or "@" in self.username:
            self.username = unique_handle(self.get_full_name(), exclude_pk=self.pk)
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "username"}
        super().save(*args, **kwargs)

    @property
    def handle(self):
        """The public @handle (never an e-mail address)."""
        return self.username

    @property
    def display_name(self):
        profile = getattr(self, "profile", None)
        if profile is not None and profile.display_name:
            return profile.display_name
        return self.get_full_name() or self.username

    @property
    def is_verified(self):
        return self.verified_at is not None


class Country(LocalizedNameModel):
    code = models.CharField(_("code"), max_length=2, unique=True)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        ordering = ["name"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")


class Region(LocalizedNameModel):
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="regions", verbose_name=_("country"))
    name = models.CharField(_("name"), max_length=120)

    class Meta:
        ordering = ["country__name", "name"]
        constraints = [models.UniqueConstraint(fields=["country", "name"], name="unique_region_per_country")]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self):
        return self.full_name_in()

    def full_name_in(self, language=None):
        """The region and its country, as "region, country", in `language` (the active one by default)."""
        language = language or current_language()
        return f"{self.name_in(language)}, {self.country.name_in(language)}"

    def sort_key(self, language=None):
        language = language or current_language()
        return (self.country.sort_key(language), super().sort_key(language))


class School(models.Model):
    class Kind(models.TextChoices):
        PRIMARY = "primary", _("Primary school")
        SECONDARY = "secondary", _("Secondary school")
        GENERAL = "general", _("General (all grades)")
        LYCEUM = "lyceum", _("Lyceum / gymnasium")
        VOCATIONAL = "vocational", _("Vocational school")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="schools", verbose_name=_("region"))
    settlement = models.CharField(_("town or village"), max_length=120, blank=True)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, default=Kind.GENERAL)
    is_rural = models.BooleanField(_("rural school"), default=False)
    is_inclusive = models.BooleanField(_("inclusive-practice school"), default=False)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["region", "name"], name="unique_school_per_region")]
        verbose_name = _("school")
        verbose_name_plural = _("schools")

    def __str__(self):
        return self.name


class Subject(LocalizedNameModel):
    slug = models.SlugField(unique=True)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        ordering = ["name"]
        verbose_name = _("subject")
        verbose_name_plural = _("subjects")


class Language(LocalizedNameModel):
    code = models.CharField(_("code"), max_length=8, unique=True)
    name = models.CharField(_("name"), max_length=60)

    class Meta:
        ordering = ["name"]
        verbose_name = _("language")
        verbose_name_plural = _("languages")


def _time_zone_choices():
    return [(name, name) for name in sorted(zoneinfo.available_timezones()) if "/" in name and not name.startswith("Etc/")]


class Profile(models.Model):
    """A teacher's public profile. `bio_html` is the cleaned rendering of `bio`."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    display_name = models.CharField(_("display name"), max_length=120)
    school = models.ForeignKey(
        School, null=True, blank=True, on_delete=models.SET_NULL, related_name="teachers", verbose_name=_("school")
    )
    subjects = models.ManyToManyField(Subject, blank=True, related_name="teachers", verbose_name=_("subjects"))
    grades_min = models.PositiveSmallIntegerField(_("lowest grade taught"), null=True, blank=True)
    grades_max = models.PositiveSmallIntegerField(_("highest grade taught"), null=True, blank=True)
    languages = models.ManyToManyField(Language, blank=True, related_name="speakers", verbose_name=_("languages spoken"))
    bio = models.TextField(_("about me"), blank=True)
    bio_html = models.TextField(editable=False, blank=True)
    avatar = models.ImageField(_("photo"), upload_to="avatars/", blank=True)
    interface_language = models.CharField(_("interface language"), max_length=8, choices=settings.ALL_LANGUAGES, default="en")
    time_zone = models.CharField(_("time zone"), max_length=64, default="Asia/Baku")
    looking_for_partners = models.BooleanField(_("looking for project partners"), default=False)
    email_on_mention = models.BooleanField(_("e-mail me when I am mentioned while away"), default=True)
    email_digest = models.CharField(
        _("e-mail digest"),
        max_length=8,
        choices=[
            ("weekly", _("Weekly: what happened in my communities and projects")),
            ("daily", _("Daily")),
            ("off", _("Never")),
        ],
        default="weekly",
    )
    # Set when the mail server reported that the address bounces: nothing is sent to it until
    # the teacher saves their e-mail settings again (community.digests).
    email_bounced_at = models.DateTimeField(null=True, blank=True, editable=False)
    data_saver = models.BooleanField(
        _("data saver: images only when I tap them, initials instead of photos, video as links, fewer messages"),
        default=False,
    )
    last_seen_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["display_name"]
        indexes = [models.Index(fields=["looking_for_partners"])]
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self):
        return self.display_name

    @property
    def avatar_url(self):
        """The photo's address (served while the profile may be seen: community.files), or ""."""
        if not self.avatar:
            return ""
        from django.urls import reverse

        return reverse("teacher_photo", args=[self.user_id, self.avatar.name.rsplit("/", 1)[-1]])


class DigestDelivery(models.Model):
    """One digest period of one teacher (`period` is "D2026-12-06" or "W2026-49" in their time
    zone): written before the e-mail goes out, so that a second run in the period sends nothing."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    period = models.CharField(max_length=16)
    since = models.DateTimeField()
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    items = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "period"], name="one_digest_per_period")
        ]
        indexes = [models.Index(fields=["user", "-created_at"])]

    def __str__(self):
        return f"digest {self.period} of {self.user_id}: {self.items} items"


class Ambassadorship(models.Model):
    """Staff grant a user the ambassador role for a region."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="ambassadorships")
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="ambassadorships")
    granted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "region"], name="unique_ambassador_region")]
        verbose_name = _("ambassadorship")
        verbose_name_plural = _("ambassadorships")

    def __str__(self):
        return f"{self.user} · {self.region}"
