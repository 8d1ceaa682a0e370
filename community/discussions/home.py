"""Home page section (settings.HOME_PAGE_SECTIONS): the most active public communities."""

from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import npgettext

from community.discussions.models import Community, Membership, Message


def home_section(request):
    from community.discussions.selectors import active_communities

    communities = active_communities(limit=6)
    if not communities:
        return None
    public = Community.objects.filter(visibility=Community.Visibility.PUBLIC).count()
    members = (
        Membership.objects.filter(state=Membership.State.ACTIVE).values("user").distinct().count()
    )
    messages = Message.objects.filter(
        status=Message.Status.PUBLISHED, deleted_at__isnull=True
    ).count()
    return {
        "title": _("Active learning communities"),
        "items": [
            {
                "title": community.name,
                "url": community.get_absolute_url(),
                "summary": Truncator(community.description).words(24),
                # The name is the community's own words, in its language (not a label to translate).
                "lang": community.language.code if community.language else "",
            }
            for community in communities
        ],
        "more_url": reverse("discussions:directory"),
        "more_label": _("All communities"),
        # The home page shows "<number> <label>": each label follows its number's plural form
        # (1 community, 5 communities; 1 сообщество, 2 сообщества, 5 сообществ).
        "stats": [
            (npgettext("home statistics", "community", "communities", public), public),
            (npgettext("home statistics", "member", "members", members), members),
            (npgettext("home statistics", "message", "messages", messages), messages),
        ],
    }
