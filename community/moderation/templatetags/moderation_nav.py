from django import template

from community.moderation.permissions import can_use_console

register = template.Library()


@register.simple_tag
def moderation_nav_visible(user):
    return can_use_console(user)
