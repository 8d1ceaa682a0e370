"""Site search provider: published showcase projects only (settings.SITE_SEARCH_PROVIDERS)."""

from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.search.backends import get_search_backend

from .models import Project

MAX_RESULTS = 20
#: With a language chosen, this many best hits before those in the language are kept.
MAX_LANGUAGE_HITS = 200


def search_for(query, *, user, filters):
    """Projects on the public showcase matching `query`; never a project that is not published."""
    filters = filters or {}
    if filters.get("type") and filters["type"] != "project":
        return []
    query = (query or "").strip()
    if not query:
        return []
    published = Project.objects.filter(published_at__isnull=False)
    language = filters.get("language")
    if language:
        published = published.filter(languages__code=language)
    # The index filters on indexed fields only (`published_at`): the language is applied to its hits.
    indexed = Project.objects.filter(published_at__isnull=False)
    try:
        hits = list(
            get_search_backend().search(query, indexed, operator="or")[
                : MAX_LANGUAGE_HITS if language else MAX_RESULTS
            ]
        )
    except Exception:  # noqa: BLE001 - index not built yet: fall back to a plain query
        hits = []
    if language and hits:
        in_language = set(
            published.filter(pk__in=[p.pk for p in hits]).values_list("pk", flat=True)
        )
        hits = [project for project in hits if project.pk in in_language][:MAX_RESULTS]
    if not hits:
        from django.db.models import Q

        hits = list(
            published.filter(
                Q(title__icontains=query)
                | Q(summary__icontains=query)
                | Q(outcomes__icontains=query)
            )
            .distinct()
            .order_by("-published_at")[:MAX_RESULTS]
        )
    # Belt and braces: whatever the index says, only published projects leave this function.
    return _projects(hits) + _pages(query)


def _pages(query):
    """Published pages of published projects matching `query`; never an unpublished page."""
    from django.db.models import Q

    from .selectors import all_published_pages

    found = all_published_pages().filter(Q(title__icontains=query) | Q(body__icontains=query))
    return [
        {
            "title": page.title,
            "url": reverse("projects:showcase_page", args=[page.project_id, page.pk]),
            "kind": "project",
            "kind_label": _("Project page"),
            "summary": page.project.title,
            "date": page.published_at,
        }
        for page in found.order_by("-published_at")[:MAX_RESULTS]
        if page.published_at is not None and page.project.published_at is not None
    ]


def _projects(hits):
    return [
        {
            "title": project.title,
            "url": reverse("projects:showcase_detail", args=[project.pk]),
            "kind": "project",
            "kind_label": _("Project"),
            "summary": project.summary,
            "date": project.published_at,
        }
        for project in hits
        if project.published_at is not None
    ]
