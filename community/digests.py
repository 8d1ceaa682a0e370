"""E-mail digests: what happened in a teacher's communities and projects while they were away.

A teacher chooses weekly (the default), daily or never in their profile. `send_due_digests`
runs on a schedule (`manage.py run_scheduler`, settings.SCHEDULED_TASKS); for each teacher whose
period has begun in their own time zone (from DIGEST_HOUR on the day, on Mondays for weekly
digests) and who has no digest for it yet, it writes a `DigestDelivery` row first, then builds
and sends the e-mail. The row makes a second run in the same period send nothing, even from a
second scheduler; a failed send deletes it again so the next run retries.

The sections come from settings.DIGEST_SECTIONS, dotted paths of
`digest_section(user, *, since, until) -> dict | None`, called in the reader's language and time
zone, each returning {key, title, items: [{title, url, detail, lines}], attachments: [(filename,
content, mimetype)]}. Each section reads live data through the app's own permission rules at
the time of sending, so a digest never shows what the teacher can no longer see. A digest with
no items is not sent (its row still marks the period as done).

Nothing goes to an inactive (deleted) account, to an unconfirmed address, or to an address that
bounced (`Profile.email_bounced_at`, set by the bounce webhook or `record_bounce`).
"""

import datetime
import logging
import zoneinfo

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django.utils.translation import ngettext
from django_tasks import task

from community.models import DigestDelivery, Profile

logger = logging.getLogger(__name__)

UNSUBSCRIBE_SALT = "community.digest.unsubscribe"
PERIOD_LENGTH = {"daily": datetime.timedelta(days=1), "weekly": datetime.timedelta(days=7)}


def zone_of(name):
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, TypeError):
        return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def period_of(frequency, time_zone, now):
    """The digest period that `now` falls in for a teacher in `time_zone`, or None before the
    period's sending time (DIGEST_HOUR local; weekly periods start on Monday)."""
    local = now.astimezone(zone_of(time_zone))
    if frequency == "daily":
        if local.hour < settings.DIGEST_HOUR:
            local -= datetime.timedelta(days=1)
        return f"D{local.date().isoformat()}"
    if frequency == "weekly":
        start = (local - datetime.timedelta(days=local.weekday())).replace(
            hour=settings.DIGEST_HOUR, minute=0, second=0, microsecond=0
        )
        if local < start:
            local -= datetime.timedelta(days=7)
        year, week, _day = local.isocalendar()
        return f"W{year}-{week:02d}"
    return None


def unsubscribe_token(user):
    return signing.dumps({"u": user.pk}, salt=UNSUBSCRIBE_SALT)


def unsubscribe_user_id(token):
    """The account a signed unsubscribe token names, or None if it was not made here."""
    try:
        return int(signing.loads(token, salt=UNSUBSCRIBE_SALT)["u"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


def unsubscribe(token):
    """Turn digests off for the account a signed link names; returns its profile, or None when
    the link was not made here (or the account is gone)."""
    user_id = unsubscribe_user_id(token)
    profile = Profile.objects.filter(user_id=user_id).first() if user_id else None
    if profile is not None and profile.email_digest != "off":
        profile.email_digest = "off"
        profile.save(update_fields=["email_digest"])
    return profile


def unsubscribe_url(user):
    return _absolute(reverse("email_unsubscribe", args=[unsubscribe_token(user)]))


def _absolute(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def mailable_profiles():
    """Profiles we may e-mail at all: an active account with a confirmed address that does not
    bounce. Digests and event reminders both start from here."""
    return Profile.objects.filter(
        user__is_active=True, user__email_confirmed=True, email_bounced_at__isnull=True
    ).exclude(user__email="")


def eligible_profiles():
    """Profiles that may receive a digest: mailable, with digests on."""
    return mailable_profiles().filter(email_digest__in=list(PERIOD_LENGTH))


def due(now=None):
    """[(profile, period)] of teachers whose current period has no digest yet."""
    now = now or timezone.now()
    candidates = []
    for profile in eligible_profiles().select_related("user").iterator(chunk_size=2000):
        period = period_of(profile.email_digest, profile.time_zone, now)
        if period:
            candidates.append((profile, period))
    done = set()
    for start in range(0, len(candidates), 2000):
        chunk = candidates[start : start + 2000]
        done.update(
            DigestDelivery.objects.filter(
                user_id__in=[p.user_id for p, _period in chunk],
                period__in={period for _p, period in chunk},
            ).values_list("user_id", "period")
        )
    return [(p, period) for p, period in candidates if (p.user_id, period) not in done]


def compose(user, *, since, until):
    """The digest's sections for `user`, in the active language and time zone."""
    sections = []
    for dotted in settings.DIGEST_SECTIONS:
        try:
            section = import_string(dotted)(user, since=since, until=until)
        except Exception:  # one broken section must not stop the digest
            logger.exception("digest section %s failed for user %s", dotted, user.pk)
            continue
        if section and section.get("items"):
            for item in section["items"]:
                if item.get("url", "").startswith("/"):
                    item["url"] = _absolute(item["url"])
            sections.append(section)
    return sections


def build_email(user, sections, *, since, until):
    """The digest as a multipart e-mail (plain text and HTML), with one-click unsubscribe."""
    profile = user.profile
    context = {
        "name": profile.display_name,
        "sections": sections,
        "since": since,
        "until": until,
        "frequency": profile.email_digest,
        "site": _absolute(""),
        "settings_url": _absolute(reverse("profile_edit")),
        "unsubscribe_url": unsubscribe_url(user),
        "language": translation.get_language(),
    }
    count = sum(len(section["items"]) for section in sections)
    subject = (
        ngettext(
            "Your daily digest: %(count)s new item on Teacher Commons",
            "Your daily digest: %(count)s new items on Teacher Commons",
            count,
        )
        if profile.email_digest == "daily"
        else ngettext(
            "Your weekly digest: %(count)s new item on Teacher Commons",
            "Your weekly digest: %(count)s new items on Teacher Commons",
            count,
        )
    ) % {"count": count}
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string("email/digest.txt", context),
        to=[user.email],
        headers={
            "List-Unsubscribe": f"<{context['unsubscribe_url']}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(render_to_string("email/digest.html", context), "text/html")
    for section in sections:
        for filename, content, mimetype in section.get("attachments", []):
            message.attach(filename, content, mimetype)
    return message


def send_digest(profile, period, now=None):
    """Send `profile`'s digest for `period` unless one was sent already; returns items sent."""
    now = now or timezone.now()
    user = profile.user
    previous = (
        DigestDelivery.objects.filter(user=user).order_by("-created_at").values_list("created_at", flat=True).first()
    )
    since = max(previous or now - PERIOD_LENGTH[profile.email_digest], now - PERIOD_LENGTH["weekly"])
    try:
        with transaction.atomic():
            delivery = DigestDelivery.objects.create(user=user, period=period, since=since, created_at=now)
    except IntegrityError:
        return 0  # another run took this period
    language = profile.interface_language or settings.LANGUAGE_CODE
    try:
        with translation.override(language), timezone.override(zone_of(profile.time_zone)):
            sections = compose(user, since=since, until=now)
            items = sum(len(section["items"]) for section in sections)
            if items:
                build_email(user, sections, since=since, until=now).send()
    except Exception:
        delivery.delete()  # the next run tries again
        raise
    DigestDelivery.objects.filter(pk=delivery.pk).update(sent_at=timezone.now() if items else None, items=items)
    return items


@task()
def send_due_digests():
    """Send every digest whose period has begun (run by the scheduler)."""
    now = timezone.now()
    sent = 0
    for profile, period in due(now):
        try:
            if send_digest(profile, period, now):
                sent += 1
        except Exception:
            logger.exception("digest for user %s failed", profile.user_id)
    return sent


def record_bounce(email, when=None):
    """The mail server says `email` bounces: stop sending to it. Returns the accounts marked."""
    return Profile.objects.filter(user__email__iexact=email.strip(), email_bounced_at__isnull=True).update(
        email_bounced_at=when or timezone.now()
    )
