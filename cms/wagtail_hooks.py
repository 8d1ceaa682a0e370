"""Wagtail admin registration and page/document serving rules."""

from django.http import Http404, JsonResponse
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


@hooks.register("before_edit_page")
def refuse_autosave_of_a_review_decision(request, page):
    """A moderator's decision in the page editor is applied once, by the form's own submission.

    The editor's script decides a review by adding two inputs (action-workflow-action,
    workflow-action-name) to the edit form and submitting it. Wagtail's autosave watches that
    form, counts the added inputs as an unsaved change and, half a second later, posts the same
    form in the background while the browser is still leaving the page. That second post either
    applied the decision again or, once the approval had published the page, saved the page
    object it had read before the publish: the page went back to a draft, with an edit logged
    about a second after the publish. An autosave never carries a review decision, so one that
    does is refused; the decision itself (an ordinary form submission) goes through untouched.
    """
    if (
        request.method == "POST"
        and not request.accepts("text/html")
        and request.POST.get("action-workflow-action")
    ):
        return JsonResponse(
            {
                "success": False,
                "error_code": "review_decision_in_progress",
                "error_message": _(
                    "This page's review decision is being applied; it was not saved again."
                ),
            },
            status=400,
        )
    return None
