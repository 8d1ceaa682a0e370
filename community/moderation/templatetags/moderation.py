"""Template helpers other apps use to link to moderation: {% load moderation %}.

<a href="{% report_url message %}">Report</a>   any model instance (message, profile, community, project)
{% if request.user|moderates:community %}...{% endif %}
"""

from django import template
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from community.moderation.permissions import can_moderate_community

register = template.Library()


@register.simple_tag
def report_url(obj):
    content_type = ContentType.objects.get_for_model(type(obj))
    return reverse(
        "moderation:report_create", args=[content_type.app_label, content_type.model, obj.pk]
    )


@register.filter
def moderates(user, community):
    return can_moderate_community(user, community)
