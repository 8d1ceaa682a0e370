from django import template

register = template.Library()


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
# (activated per request by community.middleware). static/js/room.js formats live
# messages with Intl.DateTimeFormat and the same fields (TIME_OPTIONS, passed on the page).
TIME_FORMAT = "j M, H:i"
TIME_OPTIONS = {
    "day": "numeric",
    "month": "short",
    "hour": "2-digit",
    "minute": "2-digit",
    "hourCycle": "h23",
}
# Intl locale per interface language where the plain code orders the fields differently.
TIME_LOCALES = {"en": "en-GB"}


@register.filter
def message_time(value):
    from django.utils import timezone
    from django.utils.dateformat import format as date_format

    if not value:
        return ""
    return date_format(timezone.localtime(value), TIME_FORMAT)


@register.simple_tag
def time_locale():
    from django.utils.translation import get_language

    language = (get_language() or "en").split("-")[0]
    return TIME_LOCALES.get(language, language)


@register.simple_tag
def time_options():
    import json

    return json.dumps(TIME_OPTIONS, separators=(",", ":"))
