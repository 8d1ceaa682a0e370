"""The demo seeder builds the CMS site offline, in English and every other interface language."""

import io

from django.contrib.auth.models import Group
from wagtail.models import Site

from cms import demo
from cms.models import EventPage, EventRegistration, HomePage, NewsPage, ResourcePage
from community.demo import DEMO_ACCOUNTS
from community.models import User


def test_seed_builds_the_demo_site(db, client, settings):
    settings.HOME_PAGE_SECTIONS = []
    for _role, email in DEMO_ACCOUNTS:
        User.objects.create_user(username=email, email=email, password="x-secret-123456")
    demo.seed(io.StringIO())  # how long it takes belongs in bench/, not in a test

    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    languages = {code for code, _name in settings.LANGUAGES}
    assert set(HomePage.objects.values_list("locale__language_code", flat=True)) == languages
    assert ResourcePage.objects.filter(title__startswith="Inclusive teaching practice").exists()
    for code in languages - {"en"}:
        assert ResourcePage.objects.filter(locale__language_code=code).exists(), code
        assert EventPage.objects.filter(locale__language_code=code).exists(), code
    conference = EventPage.objects.get(
        slug="project-based-learning-conference", locale__language_code="en"
    )
    assert conference.slides is not None and "youtube" in conference.recording_url
    assert conference.sessions.count() >= 4
    assert EventPage.objects.filter(
        title__icontains="leadership workshop", locale__language_code="en"
    ).exists()
    assert EventPage.objects.filter(title__icontains="policy symposium").exists()
    assert NewsPage.objects.filter(locale__language_code="en").count() >= 3
    assert EventRegistration.objects.exists()
    assert (
        User.objects.get(email="editor@teachercommons.example")
        .groups.filter(name="Editors")
        .exists()
    )
    assert Group.objects.get(name="Moderators").user_set.filter(email=demo.MODERATOR_EMAIL).exists()

    for url in ("/en/", "/az/", "/ru/", "/en/events/project-based-learning-conference/"):
        assert client.get(url).status_code == 200, url
    assert "kənd və regional müəllimlərin" in client.get("/az/").content.decode()
    assert "İnklüziv tədris təcrübəsi" in client.get("/az/resources/").content.decode()
    assert client.get("/en/resources/mentoring-notes/").status_code == 404  # members only

    demo.seed(io.StringIO())  # a second run changes nothing
    assert HomePage.objects.count() == len(settings.LANGUAGES)
