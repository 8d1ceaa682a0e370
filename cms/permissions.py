"""Who may see and do what in the CMS: the single source of truth.

Page privacy uses Wagtail's PageViewRestriction. A restricted page (and its
subtree) is visible only to those who pass its restriction; everyone else gets
404 for the page and never sees it in listings, search, feeds, the sitemap or
through its documents.
"""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q
from django.http import Http404
from wagtail.models import Page, PageViewRestriction

from community import permissions as community_permissions

from .documents import document_ids_on_pages


def request_user(request):
    """Who is asking: the request's user, anonymous for a request without one."""
    return getattr(request, "user", None) or AnonymousUser()


def _passes(restriction, user, group_ids, request=None):
    if restriction.restriction_type == PageViewRestriction.LOGIN:
        return user.is_authenticated
    if restriction.restriction_type == PageViewRestriction.GROUPS:
        if not user.is_authenticated:
            return False
        if user.is_superuser:
            return True
        return bool(group_ids & {g.pk for g in restriction.groups.all()})
    # Password restrictions are per session: passed only where the request's session
    # holds the page's password (documents); listings pass no request and never list them.
    return request is not None and restriction.accept_request(request)


def hidden_paths(user, request=None):
    """Tree paths of the subtrees `user` may not see (one query, plus one for groups).

    With `request`, a password-protected subtree whose password this session has
    entered is not hidden.
    """
    if request is None:
        # Asked again and again while one page renders (each listing, count and link): once
        # per request, on the user object (a socket's consumer clears `_tc_` entries).
        memo = getattr(user, "__dict__", None)
        if memo is None:
            return _hidden_paths(user, None)
        if "_tc_hidden_paths" not in memo:
            memo["_tc_hidden_paths"] = _hidden_paths(user, None)
        return list(memo["_tc_hidden_paths"])
    return _hidden_paths(user, request)


def _hidden_paths(user, request):
    restrictions = list(
        PageViewRestriction.objects.select_related("page").prefetch_related("groups")
    )
    if not restrictions:
        return []
    group_ids = set(user.groups.values_list("pk", flat=True)) if user.is_authenticated else set()
    return [r.page.path for r in restrictions if not _passes(r, user, group_ids, request)]


def visible_pages(queryset, user):
    """Live pages of `queryset` that `user` may see."""
    paths = hidden_paths(user)
    queryset = queryset.live()
    for path in paths:
        queryset = queryset.exclude(path__startswith=path)
    return queryset


def can_view_page(user, page):
    paths = hidden_paths(user)
    return page.live and not any(page.path.startswith(path) for path in paths)


def get_page_for(user, page_id, model=Page):
    page = model.objects.filter(pk=page_id).first()
    if page is None or not can_view_page(user, page):
        raise Http404
    return page


def can_register(user, event):
    return user.is_authenticated and user.is_active and can_view_page(user, event)


def can_mark_attendance(user, event):
    if not user.is_authenticated:
        return False
    if community_permissions.is_staff(user):
        return True
    return user.pk in {person.pk for person in event.organisers.all()}


def can_see_document(user, document, request=None):
    """Documents used on a page that `user` may not see are served only to those who may see it.

    With `request`, documents of a password-protected page are served once this
    session has entered the page's password.
    """
    paths = hidden_paths(user, request)
    if not paths:
        return True
    q = Q(pk__in=[])
    for path in paths:
        q |= Q(path__startswith=path)
    return document.pk not in document_ids_on_pages(Page.objects.filter(q))
