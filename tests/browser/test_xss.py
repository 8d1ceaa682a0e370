"""The XSS corpus in a real browser: no stored or live vector ever runs, with the CSP or without.

Every vector calls ``__xss(N)``, ``alert(N)`` or ``msgbox(N)`` if it executes. Each tab gets
``__xss`` and replacements for ``alert``/``confirm``/``prompt`` that record the call, and any
dialog is recorded and dismissed; after each page load (and after live frames arrive) nothing
may have been recorded. The vectors go in through the same services as the server-side check
(tests/security/test_xss_fields.py). One pass strips the Content-Security-Policy header from the
documents and the live path runs once more with the policy bypassed, so the cleaner and room.js
are proven, not only the policy.
"""

import datetime
import json
import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import login
from tests.browser.test_admin_editor import EDITOR
from tests.browser.test_room_frames_live import _live, _message
from tests.browser.test_room_live import AYSEL, RASHAD, _room_for
from tests.security.xss_vectors import VECTORS, all_in_one, one_of_each_family

WATCH = """
window.__xssCalls = [];
window.__xss = (n) => (window.__xssCalls ||= []).push(n);
for (const name of ["alert", "confirm", "prompt"]) {
  window[name] = (n) => { (window.__xssCalls ||= []).push(`${name}(${n})`); return null; };
}
"""
EVERYTHING = all_in_one()
SUBSET = one_of_each_family()
# Some plain words of the joined text, as a browser shows them once the markup is made harmless.
VISIBLE = "hover"


def _watch(context):
    """Install the recorders in every page of `context`; returns the dialogs seen."""
    dialogs = []
    context.add_init_script(WATCH)

    def on_dialog(dialog):
        dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    context.on("page", lambda tab: tab.on("dialog", on_dialog))
    for tab in context.pages:
        tab.on("dialog", on_dialog)
    return dialogs


def _clean(page, dialogs, place):
    page.wait_for_load_state("load")
    calls = page.evaluate("window.__xssCalls || []")
    assert calls == [], f"{place} ({page.url}): vectors executed: {calls}"
    assert dialogs == [], f"{place} ({page.url}): dialogs opened: {dialogs}"


def _visit(page, dialogs, place, url):
    response = page.goto(url)
    assert response is not None and response.status == 200, f"{place}: {url} gave {response}"
    _clean(page, dialogs, place)


def _url(name, *args, **query):
    from urllib.parse import urlencode

    from django.urls import reverse
    from django.utils import translation

    with translation.override("en"):
        url = reverse(name, args=args)
    return f"{url}?{urlencode(query)}" if query else url


def _user(email):
    from community.models import User

    return User.objects.select_related("profile").get(email=email)


@pytest.fixture
def no_limits(settings):
    """Many posts in a minute, and none held for review (only this process's services)."""
    settings.POST_REVIEWERS = []
    settings.DISCUSSIONS_POSTS_PER_MINUTE = 100_000


def _stored_world():
    """Every field gets the vectors through the real services; returns the places to open."""
    from django.utils import timezone

    from community.discussions.services import communities as community_services
    from community.discussions.services import messages as message_services
    from community.services import profile_update
    from projects import services as project_services
    from tests.community import discussions_factories as df
    from tests.projects import factories as pf

    aysel = _user(AYSEL)
    places = {}
    room = _room_for(AYSEL, RASHAD)
    message_services.message_post(user=aysel, room=room, body=EVERYTHING, client_id="xss-all")
    for v in SUBSET:
        message_services.message_post(
            user=aysel, room=room, body=v.text, client_id=f"xss-{v.number}"
        )
    places["room"] = f"/en/rooms/{room.pk}/"

    teachers = []
    for v in SUBSET:
        teacher = pf.teacher()
        profile_update(
            actor=teacher,
            profile=teacher.profile,
            data={"display_name": v.text, "bio": EVERYTHING},
            subjects=[],
            languages=[],
            school=teacher.profile.school,
        )
        teachers.append(teacher)
    places["profile"] = _url("teacher_profile", teachers[0].pk)
    places["profile (mutation name)"] = _url("teacher_profile", teachers[2].pk)
    places["teacher directory"] = _url("teacher_directory")

    region = df.a_region()
    community = community_services.community_create(
        user=aysel, name=SUBSET[0].text, description=EVERYTHING, region=region
    )
    for v in SUBSET[1:]:
        community_services.community_create(
            user=aysel, name=v.text, description=v.text, region=region
        )
    places["community page"] = _url("discussions:community", community.slug)
    places["community directory"] = _url("discussions:directory")

    project = pf.project(aysel, title=SUBSET[0].text, description=EVERYTHING)
    for v in SUBSET[1:]:
        pf.project(aysel, title=v.text, summary=v.text)
        project_services.task_create(actor=aysel, project=project, title=v.text)
        project_services.milestone_create(
            actor=aysel, project=project, title=v.text, due_date=pf.future(10)
        )
    project_services.journal_entry_create(
        actor=aysel,
        project=project,
        title=VECTORS[3].text,
        body=EVERYTHING,
        happened_on=timezone.localdate() - datetime.timedelta(days=1),
        on_showcase=True,
    )
    for name in ("detail", "workspace", "plan", "journal"):
        places[f"project {name}"] = _url(f"projects:{name}", project.pk)
    places["my projects"] = _url("projects:mine")

    resource = _cms_resource()
    places["resource page"] = resource.url
    places["site search"] = _url("cms:search", q="Vector")
    places["site search (vector query)"] = _url("cms:search", q=VECTORS[3].text)
    return places


def _cms_resource():
    from cms.models import ResourceIndexPage, ResourcePage

    parent = ResourceIndexPage.objects.get(locale__language_code="en")
    everything = "".join(f"<p>{v.text}</p>" for v in VECTORS)
    n = ResourcePage.objects.count() + 1
    page = ResourcePage(
        title=f"Vector resource {n} {VECTORS[3].text}",
        slug=f"vector-resource-{n}",
        summary=VECTORS[0].text,
        owner=_user(EDITOR),
    )
    parent.add_child(instance=page)
    page.body = json.dumps(
        [
            {"type": "paragraph", "value": everything},
            {
                "type": "callout",
                "value": {"kind": "tip", "title": VECTORS[3].text, "text": everything},
            },
        ]
    )
    page.save_revision(user=_user(EDITOR)).publish()
    page.refresh_from_db()
    return page


def test_stored_vectors_never_run_in_the_pages_that_show_them(page, orm, no_limits):
    places = _stored_world()
    dialogs = _watch(page.context)
    login(page, AYSEL)
    for place, url in places.items():
        _visit(page, dialogs, place, url)
        if place == "room":  # the room really shows the vectors, as text
            expect(_message(page, VISIBLE)).to_have_count(1)


@pytest.mark.parametrize("policy", ["with the CSP", "CSP bypassed"])
def test_live_vectors_never_run_in_either_tab(browser, site_url, orm, policy):
    """Bypassed, the policy cannot hide what room.js would let through in a live frame."""
    room = _room_for(AYSEL, RASHAD)
    url = f"/en/rooms/{room.pk}/"
    bypass = policy == "CSP bypassed"
    contexts = [browser.new_context(base_url=site_url, bypass_csp=bypass) for _ in range(2)]
    try:
        seen = [_watch(context) for context in contexts]
        aysel, rashad = (context.new_page() for context in contexts)
        login(aysel, AYSEL)
        login(rashad, RASHAD)
        for tab, dialogs in zip((aysel, rashad), seen, strict=True):
            _visit(tab, dialogs, "room", url)
            _live(tab)
        aysel.fill("#compose textarea", EVERYTHING)
        aysel.click("#compose button[type=submit]")
        expect(aysel).to_have_url(re.compile(rf"{url}$"))  # sent over the socket
        arrived = _message(rashad, VISIBLE)
        expect(arrived).to_have_count(1, timeout=20_000)
        expect(_message(aysel, VISIBLE)).to_have_count(1, timeout=20_000)
        expect(aysel.locator("#room-messages li.is-pending")).to_have_count(0, timeout=20_000)
        for tab, dialogs, who in zip((aysel, rashad), seen, ("Aysel", "Rashad"), strict=True):
            _clean(tab, dialogs, f"live room ({who}'s tab, {policy})")
            # Proof of the pass: the inline handler a vector would use runs in this very
            # document exactly when the policy is off, so "bypassed" really tested the cleaner
            # and room.js alone, and "with the CSP" really had it on.
            tab.evaluate(
                """() => {
                  document.addEventListener("securitypolicyviolation", () => {
                    window.__cspBlocked = true;
                  });
                  const probe = document.createElement("img");
                  probe.setAttribute("onerror", "window.__inlineRan = true");
                  probe.src = "data:,not-an-image";
                  document.body.append(probe);
                }"""
            )
            tab.wait_for_function("window.__inlineRan === true || window.__cspBlocked === true")
            ran = tab.evaluate("window.__inlineRan === true")
            assert ran is bypass, f"live room ({who}'s tab, {policy}): inline handler ran={ran}"
    finally:
        for context in contexts:
            context.close()


def test_wagtail_admin_listings_never_run_vector_titles(page, orm):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    resource = _cms_resource()
    for v in SUBSET:
        get_document_model().objects.create(
            title=v.text, file=ContentFile(b"plain text", name=f"vector-{v.number}.txt")
        )
    dialogs = _watch(page.context)
    login(page, EDITOR)
    _visit(page, dialogs, "admin page explorer", f"/admin/pages/{resource.get_parent().pk}/")
    expect(page.get_by_text("Vector resource").first).to_be_visible()
    _visit(page, dialogs, "admin documents listing", "/admin/documents/")


def _strip_csp(route):
    """Documents come back without their Content-Security-Policy header; the rest untouched."""
    if route.request.resource_type != "document":
        route.fallback()
        return
    response = route.fetch()
    headers = {k: v for k, v in response.headers.items() if k.lower() != "content-security-policy"}
    route.fulfill(response=response, headers=headers)


def test_without_the_csp_the_cleaner_alone_keeps_vectors_inert(browser, site_url, orm, no_limits):
    from community.discussions.services import messages as message_services
    from community.services import profile_update
    from tests.projects import factories as pf

    room = _room_for(AYSEL, RASHAD)
    message_services.message_post(
        user=_user(AYSEL), room=room, body=EVERYTHING, client_id="xss-nocsp"
    )
    teacher = pf.teacher()
    profile_update(
        actor=teacher,
        profile=teacher.profile,
        data={"display_name": SUBSET[0].text, "bio": EVERYTHING},
        subjects=[],
        languages=[],
        school=teacher.profile.school,
    )
    # The service worker would answer navigations itself, past the route: keep it out.
    context = browser.new_context(base_url=site_url, service_workers="block")
    page = context.new_page()
    dialogs = _watch(context)
    try:
        _check_without_csp(page, dialogs, room, teacher)
    finally:
        context.close()


def _check_without_csp(page, dialogs, room, teacher):
    login(page, AYSEL)
    page.route("**/*", _strip_csp)
    for place, url in {
        "room (no CSP)": f"/en/rooms/{room.pk}/",
        "profile (no CSP)": _url("teacher_profile", teacher.pk),
    }.items():
        response = page.goto(url)
        assert response.status == 200, f"{place}: {response.status}"
        assert "content-security-policy" not in {k.lower() for k in response.headers}
        _clean(page, dialogs, place)
        # the policy is really off: an inline script runs
        page.add_script_tag(content="window.__inlineRan = true")
        assert page.evaluate("window.__inlineRan === true"), f"{place}: the CSP is still on"
        if place.startswith("room"):
            expect(_message(page, VISIBLE)).to_have_count(1)
