"""Projects in a real browser: the demo world, accessibility, pages without JavaScript."""

import re

from tests.browser.conftest import axe_violations, login, screenshot

PUBLIC_PAGES = [
    ("/en/projects/", "Project ideas looking for partners"),
    ("/en/projects/showcase/", "Project showcase"),
    ("/en/projects/statistics/", "Project statistics"),
    ("/en/projects/competitions/", "Competitions"),
]


def test_public_pages_are_accessible(page):
    for path, heading in PUBLIC_PAGES:
        page.goto(path)
        assert page.locator("h1").first.inner_text() == heading
        assert axe_violations(page) == [], path
    screenshot(page, "projects-competitions")


def test_showcase_to_a_labelled_project_without_javascript(nojs_page):
    nojs_page.goto("/en/projects/showcase/?labelled=on")
    screenshot(nojs_page, "projects-showcase-labelled")
    nojs_page.click("text=Rivers of our villages")
    assert nojs_page.locator("h1").inner_text() == "Rivers of our villages"
    body = nojs_page.locator("main").inner_text()
    assert "Quality label" in body and "Winner: Most creative project of the year" in body
    assert "From the journal" in body
    screenshot(nojs_page, "projects-showcase-detail")


def test_showcase_detail_is_accessible(page):
    page.goto("/en/projects/showcase/")
    page.click("text=Rivers of our villages")
    assert axe_violations(page) == []


def test_teacher_workspace_plan_journal_and_discussion(page):
    login(page, "aysel.mammadova@example.az")
    page.goto("/en/projects/mine/")
    assert page.locator("h1").inner_text() == "My projects"
    assert axe_violations(page) == []
    page.click("text=Rivers of our villages")
    page.click("text=Open the workspace")
    assert page.locator("#room-messages li").count() >= 1
    screenshot(page, "projects-workspace-discussion")
    assert axe_violations(page) == []
    page.click("nav.proj-tabs >> text=Plan")
    assert page.locator("h3", has_text="Kick-off video call").count() == 1
    assert axe_violations(page) == []
    screenshot(page, "projects-workspace-plan")
    page.click("nav.proj-tabs >> text=Journal")
    assert page.locator("img.proj-thumb").count() >= 1
    assert axe_violations(page) == []
    page.click("nav.proj-tabs >> text=Schools and teachers")
    assert axe_violations(page) == []
    screenshot(page, "projects-workspace-members")


def test_start_a_project_with_a_bad_date_then_fix_it(page):
    login(page, "aysel.mammadova@example.az")
    page.goto("/en/projects/new/")
    assert axe_violations(page) == []
    page.fill("input[name=title]", "Birds of the Caspian coast")
    page.fill("textarea[name=summary]", "Pupils count birds and compare the lists.")
    page.fill("input[name=age_min]", "10")
    page.fill("input[name=age_max]", "13")
    page.fill("input[name=start_date]", "2026-05-01")
    page.fill("input[name=end_date]", "2026-04-01")
    page.click("form.proj-form button[type=submit]")
    assert page.locator("text=The end date cannot be before the start date.").count() == 1
    screenshot(page, "projects-create-error")
    page.fill("input[name=end_date]", "2026-06-30")
    page.check("input[name=seeking_partners]")
    page.click("form.proj-form button[type=submit]")
    assert page.locator("h1").inner_text() == "Birds of the Caspian coast"
    assert re.search(r"/en/projects/\d+/$", page.url)
    assert page.locator("text=Seeking partners").count() >= 1


def test_outsider_gets_404_on_a_workspace(page, orm):
    from projects.models import Project

    project = Project.objects.get(title="A weather-station network")
    login(page, "aigerim.sadykova@example.kz")
    response = page.goto(f"/en/projects/{project.pk}/workspace/")
    assert response.status == 404
