"""Home page section (settings.HOME_PAGE_SECTIONS): the most active public communities."""

from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from community.discussions.models import Community, Membership, Message


def home_section(request):
    from community.discussions.selectors import active_communities

    communities = active_communities(limit=6)
    if not communities:
        return None
    return {
        "title": _("Active learning communities"),
        "items": [
            {
                "title": community.name,
                "url": community.get_absolute_url(),
                "summary": Truncator(community.description).words(24),
            }
            for community in communities
        ],
        "more_url": reverse("discussions:directory"),
        "more_label": _("All communities"),
        "stats": [
            (
                _("Communities"),
                Community.objects.filter(visibility=Community.Visibility.PUBLIC).count(),
            ),
            (
                _("Members"),
                Membership.objects.filter(state=Membership.State.ACTIVE)
                .values("user")
                .distinct()
                .count(),
            ),
            (
                _("Messages"),
                Message.objects.filter(
                    status=Message.Status.PUBLISHED, deleted_at__isnull=True
                ).count(),
            ),
        ],
    }
