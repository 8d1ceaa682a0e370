from django import template

register = template.Library()


@register.filter
def unread_badge(count):
    """An unread count as its badge shows it: "99+" from the cap up (selectors.UNREAD_CAP)."""
    from community.discussions.selectors import UNREAD_CAP

    return f"{UNREAD_CAP - 1}+" if (count or 0) >= UNREAD_CAP else count


@register.simple_tag(takes_context=True)
def message_link(context, teacher):
    """The address of "Message" for `teacher` (a user), or "" when the viewer cannot write to
    them (not verified, themselves, a closed account). Blocks are checked when writing."""
    from django.urls import reverse
    from django.utils.http import urlencode

    from community.permissions import can_contribute

    request = context.get("request")
    viewer = getattr(request, "user", None)
    if teacher is None or not can_contribute(viewer) or viewer.pk == teacher.pk or not teacher.is_active:
        return ""
    return reverse("discussions:conversation_new") + "?" + urlencode({"to": teacher.username})


@register.simple_tag
def unread_cap():
    from community.discussions.selectors import UNREAD_CAP

    return UNREAD_CAP


@register.simple_tag(takes_context=True)
def notification_count(context):
    """Unread notifications of the signed-in user (one query; 0 for visitors)."""
    from community.discussions.selectors import unread_notification_count

    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return 0
    if not hasattr(request, "_tc_notification_count"):
        request._tc_notification_count = unread_notification_count(user)
    return request._tc_notification_count


# A message's time: one format per interface language, in the viewer's time zone
# (activated per request by community.middleware). static/js/room.js writes live messages'
# times with the same pattern and the same month names, both passed on the page by
# `time_format`; the browser's Intl.DateTimeFormat only converts to the viewer's zone. So the
# server's text and the browser's are the same in every language (Intl's own month
# abbreviations differ from Django's: "Sept", "дек.").
TIME_FORMATS = {"en": "j M, H:i", "az": "j M, H:i", "ru": "j M, H:i"}
DEFAULT_TIME_FORMAT = "j M, H:i"
# The pattern letters room.js understands (Django's date format letters).
TIME_LETTERS = set("jdnmMHGiY")


def _pattern():
    from django.utils.translation import get_language

    language = (get_language() or "en").split("-")[0]
    return TIME_FORMATS.get(language, DEFAULT_TIME_FORMAT)


@register.filter
def message_time(value):
    from django.utils import timezone
    from django.utils.dateformat import format as date_format

    if not value:
        return ""
    return date_format(timezone.localtime(value), _pattern())


@register.filter
def full_time(value):
    """A date and time with the year, unambiguous in every language ("12 Feb 2026, 09:30"),
    in the reader's time zone: the moderation queue, reports and the audit log."""
    from django.utils import timezone
    from django.utils.dateformat import format as date_format

    if not value:
        return ""
    return date_format(timezone.localtime(value), "j M Y, H:i")


@register.filter
def full_date(value):
    """A date with the month named ("12 Feb 2026"): never 12/02/2026, read as two different days."""
    from django.utils import timezone
    from django.utils.dateformat import format as date_format

    if not value:
        return ""
    if hasattr(value, "hour"):
        value = timezone.localtime(value)
    return date_format(value, "j M Y")


@register.simple_tag
def time_format():
    """The pattern and the month abbreviations of `message_time`, as JSON for the page."""
    import json

    from django.utils.dates import MONTHS_3

    months = [str(MONTHS_3[month]).title() for month in range(1, 13)]
    return json.dumps({"pattern": _pattern(), "months": months}, ensure_ascii=False)
