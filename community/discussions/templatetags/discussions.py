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
