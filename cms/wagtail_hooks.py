"""Wagtail admin registration and page/document serving rules."""

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.models import PageViewRestriction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import PartnerOrganisation, Topic
from .permissions import can_see_document


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = _("Topics")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "slug"]
    search_fields = ["name"]


class PartnerOrganisationViewSet(SnippetViewSet):
    model = PartnerOrganisation
    icon = "group"
    menu_label = _("Partners")
    menu_order = 310
    add_to_admin_menu = True
    list_display = ["name", "website"]
    search_fields = ["name"]


register_snippet(TopicViewSet)
register_snippet(PartnerOrganisationViewSet)


@hooks.register("before_serve_page", order=-10)
def hide_restricted_pages(page, request, serve_args, serve_kwargs):
    """A page restricted to signed-in people or groups is a 404 for anyone else (not a login prompt)."""
    for restriction in page.get_view_restrictions():
        if restriction.restriction_type == PageViewRestriction.PASSWORD:
            continue  # Wagtail's own password form handles these
        if not restriction.accept_request(request):
            raise Http404


@hooks.register("before_serve_document")
def protect_restricted_documents(document, request):
    if not can_see_document(request.user, document, request=request):
        raise Http404
    return None
