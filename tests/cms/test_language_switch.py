"""The header's language form: the real translation, else the same page in its own language, never a 404."""

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.utils import translation
from wagtail.models import Locale, PageViewRestriction

from community.models import Profile

from . import factories

SETLANG = "/i18n/setlang/"
NOT_YET = "This page is not available in this language yet. Here is the nearest page that is."
UNTRANSLATED = "This page is not translated into this language yet, so it is shown in its own language."


def _switch(client, next_url, language, **extra):
    return client.post(SETLANG, {"language": language, "next": next_url}, **extra)


def _messages(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def _not_yet(code):
    with translation.override(code):
        return translation.gettext(NOT_YET)


def _untranslated(code):
    with translation.override(code):
        return translation.gettext(UNTRANSLATED)


@pytest.fixture
def site(tree):
    guide = factories.resource(tree["resources"], "Inclusive teaching practice", slug="inclusive")
    only_en = factories.news_item(tree["news"], "Only in English", slug="only-en")
    only_en_resource = factories.resource(tree["resources"], "English resource", slug="en-only")
    az_home = factories.publish_translation(tree["home"], "az", title="Teacher Commons AZ")
    az_guide = factories.publish_translation(guide, "az", title="İnklüziv tədris təcrübəsi")
    return {
        "guide": guide,
        "only_en": only_en,
        "only_en_resource": only_en_resource,
        "az_home": az_home,
        "az_guide": az_guide,
        **tree,
    }


def test_the_header_form_posts_to_the_switcher_with_the_current_page(client, site):
    html = client.get(site["guide"].url + "?x=1").content.decode()
    assert f'action="{SETLANG}" method="post"' in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert f'name="next" value="{site["guide"].url}?x=1"' in html


def test_a_translated_page_goes_to_its_translation(client, site):
    response = _switch(client, site["guide"].url, "az")
    assert response.status_code == 302
    assert response["Location"] == site["az_guide"].url
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "az"
    assert not _messages(response)
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "İnklüziv tədris təcrübəsi" in page.content.decode()
    # And back: the translation knows its original.
    assert _switch(client, site["az_guide"].url, "en")["Location"] == site["guide"].url


def test_an_untranslated_page_stays_in_its_own_language_with_a_message(client, site):
    response = _switch(client, site["only_en"].url + "?x=1", "az", follow=True)
    assert response.redirect_chain[-1][0] == site["only_en"].url + "?x=1"
    assert response.status_code == 200
    assert "Only in English" in response.content.decode()
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "az"
    assert [str(m) for m in response.context["messages"]] == [_untranslated("az")]
    assert _untranslated("az") in response.content.decode()


def test_an_untranslated_resource_stays_on_the_resource_not_its_index(client, site):
    response = _switch(client, site["only_en_resource"].url, "az")
    assert response["Location"] == site["only_en_resource"].url
    assert _messages(response) == [_untranslated("az")]


def test_the_other_language_address_of_an_untranslated_page_is_not_a_404(client, site):
    az_address = site["only_en_resource"].url.replace("/en/", "/az/", 1)
    response = client.get(az_address, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == site["only_en_resource"].url
    assert "English resource" in response.content.decode()
    assert [str(m) for m in response.context["messages"]] == [_untranslated("az")]
    # A translated page's address in the other tree leads to its translation, without a message.
    az_guide = site["az_guide"]
    az_guide.slug = "inkluziv"
    az_guide.save_revision().publish()
    response = client.get(site["guide"].url.replace("/en/", "/az/", 1))
    assert response["Location"] == "/az/resources/inkluziv/"
    assert not _messages(response)
    # A page that exists nowhere is still a 404, and a restricted one is not revealed.
    assert client.get("/az/resources/no-such-page/").status_code == 404
    PageViewRestriction.objects.create(
        page=site["only_en_resource"], restriction_type=PageViewRestriction.LOGIN
    )
    assert client.get(az_address).status_code == 404


def test_the_footer_links_of_an_untranslated_page_lead_back_to_it_with_a_message(client, site):
    html = client.get(site["only_en_resource"].url).content.decode()
    az_address = site["only_en_resource"].url.replace("/en/", "/az/", 1)
    assert f'href="{az_address}" lang="az"' in html
    response = client.get(az_address, follow=True)
    assert response.redirect_chain[-1][0] == site["only_en_resource"].url
    assert [str(m) for m in response.context["messages"]] == [_untranslated("az")]
    # A translated page links to its translation.
    assert f'href="{site["az_guide"].url}" lang="az"' in client.get(site["guide"].url).content.decode()


def test_an_alias_is_not_a_translation(client, site):
    az_resources = site["resources"].get_translation(Locale.objects.get(language_code="az"))
    response = _switch(client, site["resources"].url, "az")
    assert response["Location"] == site["resources"].url
    assert _messages(response) == [_untranslated("az")]
    client.get(response["Location"])  # the message is shown there
    az_resources.alias_of = None  # now translated
    az_resources.title = "Resurslar"
    az_resources.save_revision().publish()
    response = _switch(client, site["resources"].url, "az")
    assert response["Location"] == az_resources.url
    assert not _messages(response)


def test_a_language_without_any_site_keeps_the_page(client, site):
    response = _switch(client, site["guide"].url, "ru", follow=True)
    assert response.redirect_chain[0][0] == site["guide"].url
    assert response.status_code == 200
    assert _switch(client, "/en/", "ru")["Location"] == "/en/"


def test_a_restricted_translation_is_not_revealed_to_visitors(client, site, teacher):
    PageViewRestriction.objects.create(
        page=site["az_guide"], restriction_type=PageViewRestriction.LOGIN
    )
    response = _switch(client, site["guide"].url, "az")
    assert response["Location"] == site["guide"].url
    assert _messages(response) == [_untranslated("az")]
    # Nor through the footer's language links.
    assert site["az_guide"].url not in client.get(site["guide"].url).content.decode()

    client.force_login(teacher)
    assert _switch(client, site["guide"].url, "az")["Location"] == site["az_guide"].url


def test_a_restricted_page_does_not_lead_a_visitor_to_its_translation(client, site):
    PageViewRestriction.objects.create(
        page=site["guide"], restriction_type=PageViewRestriction.LOGIN
    )
    response = _switch(client, site["guide"].url, "az")
    assert response["Location"] != site["az_guide"].url
    assert response["Location"] == site["resources"].get_translation(site["az_home"].locale).url
    assert _messages(response) == [_not_yet("az")]


def test_django_pages_keep_their_path_and_query_in_the_new_language(client, site):
    response = _switch(client, "/en/communities/", "az")
    assert response["Location"] == "/az/communities/"
    assert not _messages(response)
    assert client.get(response["Location"]).status_code == 200
    response = _switch(client, "/en/communities/?q=math&page=2", "ru")
    assert response["Location"] == "/ru/communities/?q=math&page=2"
    assert _switch(client, "/az/search/?q=sinif", "en")["Location"] == "/en/search/?q=sinif"


def test_the_active_language_does_not_matter_only_the_pages_prefix(client, site):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    assert _switch(client, "/en/communities/", "az")["Location"] == "/az/communities/"
    assert _switch(client, site["guide"].url, "az")["Location"] == site["az_guide"].url


@pytest.mark.parametrize(
    "evil", ["https://evil.example/en/communities/", "//evil.example/", "javascript:alert(1)"]
)
def test_an_external_next_is_ignored(client, site, evil):
    response = _switch(client, evil, "az")
    assert response.status_code == 302
    assert "evil" not in response["Location"] and response["Location"].startswith("/")
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "az"
    # A safe referring page is used instead, as Django's own switcher does.
    response = _switch(client, evil, "az", HTTP_REFERER="http://testserver/en/communities/")
    assert response["Location"] == "/az/communities/"


@pytest.mark.parametrize("path", ["//evil.example/x", "/\\evil.example/x"])
def test_a_same_site_address_that_names_another_host_in_its_path_stays_here(client, site, path):
    """https://this-site//evil.example/ is on this site, but its path alone is a link elsewhere."""
    for extra in ({"next": f"http://testserver{path}"}, {"HTTP_REFERER": f"http://testserver{path}"}):
        data = {"language": "az", "next": extra.get("next", "")}
        response = client.post(SETLANG, data, HTTP_REFERER=extra.get("HTTP_REFERER", ""))
        location = response["Location"]
        assert response.status_code == 302
        assert "evil" not in location and location.startswith("/") and not location.startswith("//")
        assert not location.startswith("/\\")


def test_an_unknown_language_changes_nothing(client, site):
    response = _switch(client, "/en/communities/", "xx")
    assert response["Location"] == "/en/communities/"
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies


def test_a_get_or_a_post_without_csrf_token_is_refused(site):
    from django.test import Client

    assert Client().get(SETLANG, {"language": "az", "next": "/en/"}).status_code == 405
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(SETLANG, {"language": "az", "next": "/en/"}).status_code == 403


def test_the_choice_is_kept_on_the_signed_in_persons_profile(client, site, teacher):
    Profile.objects.create(user=teacher, display_name="Aysel", interface_language="en")
    client.force_login(teacher)
    response = _switch(client, "/en/communities/", "ru")
    assert response["Location"] == "/ru/communities/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ru"
    teacher.profile.refresh_from_db()
    assert teacher.profile.interface_language == "ru"


def test_a_signed_in_person_without_a_profile_can_switch(client, site, teacher):
    client.force_login(teacher)
    assert _switch(client, "/en/communities/", "az")["Location"] == "/az/communities/"
