"""Site search, home page and learning record hooks: published projects only."""

import pytest
from django.conf import settings

from projects import services
from projects.home import home_section
from projects.records import record_section
from projects.search import search_for

from . import factories as f

pytestmark = pytest.mark.django_db


def test_hooks_are_registered():
    assert "projects.search.search_for" in settings.SITE_SEARCH_PROVIDERS
    assert "projects.home.home_section" in settings.HOME_PAGE_SECTIONS
    assert "projects.records.record_section" in settings.LEARNING_RECORD_SECTIONS


def test_search_finds_published_projects_only():
    published, founder, _ = f.completed_project(
        title="Volcano models", summary="Volcano science with clay"
    )
    services.project_publish(actor=founder, project=published)
    f.completed_project(title="Volcano secrets", summary="Completed but not published")
    active, _a, _b = f.two_school_project(title="Volcano workspace", summary="active")
    f.project(founder, title="Volcano draft", summary="draft", seeking_partners=True)
    outsider = f.teacher(school_obj=f.school())
    results = search_for("volcano", user=outsider, filters={})
    assert [r["title"] for r in results] == ["Volcano models"]
    assert results[0]["kind"] == "project" and results[0]["url"].endswith(
        f"/showcase/{published.pk}/"
    )
    assert search_for("volcano", user=outsider, filters={"type": "community"}) == []
    # Members of the unpublished project do not find it through the public search either.
    assert [r["title"] for r in search_for("volcano", user=_a, filters={})] == ["Volcano models"]


def test_home_section():
    from django.test import RequestFactory

    assert home_section(RequestFactory().get("/")) is None
    project, founder, _ = f.completed_project(title="Shared poems")
    services.project_publish(actor=founder, project=project)
    section = home_section(RequestFactory().get("/"))
    assert section["items"][0]["title"] == "Shared poems"
    assert dict(section["stats"])["schools taking part"] == 2
    # the home page's two-query totals are the statistics page's
    from projects.selectors import headline_totals, statistics

    full = statistics()["totals"]
    assert headline_totals() == {key: full[key] for key in ("projects", "schools", "regions")}


def test_record_section_lists_projects_but_not_drafts():
    project, founder, partner = f.two_school_project(title="River study")
    f.project(partner, title="My draft")
    record = record_section(partner)
    assert record["key"] == "projects"
    titles = [i["title"] for i in record["items"]]
    assert titles == ["River study"]
    assert record["items"][0]["date"] == "2026-02-01"
