"""The language a teacher gets first: profile, then the browser, then the region's usual language."""

import pytest
from django.conf import settings

from community.localized import collation_key
from community.models import Region, School, User
from tests.community import people_factories as f

pytestmark = pytest.mark.django_db


def test_every_interface_language_is_on_with_a_wagtail_locale():
    from wagtail.models import Locale

    codes = [code for code, _name in settings.LANGUAGES]
    # Every language with a complete catalogue is on by default.
    assert codes == ["en", "az", "ru", "kk", "ky", "uz", "tg", "tr"]
    assert set(Locale.objects.values_list("language_code", flat=True)) >= set(codes)


def test_a_visitor_gets_the_first_browser_language_the_site_has(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="de-DE,kk-KZ;q=0.9,ru;q=0.8")
    assert response.status_code == 302 and response["Location"] == "/kk/"
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="tg,ru;q=0.5")
    assert response["Location"] == "/tg/"
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="uz-UZ,ru;q=0.5")
    assert response["Location"] == "/uz/"
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="tr")
    assert response["Location"] == "/tr/"
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="fa,ru;q=0.5")
    assert response["Location"] == "/ru/"  # no Persian interface: the next one asked for


def test_a_language_chosen_with_the_form_beats_the_browser(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "kk"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="ru")["Location"] == "/kk/"


def test_the_profile_language_comes_first_and_an_address_language_is_kept(client):
    teacher = f.teacher(email="aigul@example.kg")
    teacher.profile.interface_language = "kk"
    teacher.profile.save()
    client.force_login(teacher)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "az"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="ru")["Location"] == "/kk/"
    response = client.get("/ru/teachers/")
    assert response.status_code == 200 and response.wsgi_request.LANGUAGE_CODE == "ru"


def _sign_up(client, address, region_name, **headers):
    region = Region.objects.get(name=region_name)
    school = School.objects.create(name=f"School of {region_name}", region=region)
    email = f"new.{region.pk}@example.org"
    response = client.post(
        address,
        {
            "email": email,
            "display_name": "Nurlan Abenov",
            "password1": "birch-lantern-harbour",
            "password2": "birch-lantern-harbour",
            "region": str(region.pk),
            "school": str(school.pk),
        },
        **headers,
    )
    assert response.status_code == 302, response.content.decode()[:500]
    return User.objects.get(email=email).profile.interface_language


def test_a_new_account_takes_the_region_language_only_when_nothing_else_named_one(client):
    # English only by default (a browser asking for German): the school's region decides.
    assert _sign_up(client, "/en/accounts/signup/", "Akmola", HTTP_ACCEPT_LANGUAGE="de") == "kk"
    assert _sign_up(client, "/en/accounts/signup/", "Osh", HTTP_ACCEPT_LANGUAGE="de") == "ky"
    assert _sign_up(client, "/en/accounts/signup/", "Fergana", HTTP_ACCEPT_LANGUAGE="de") == "uz"
    # The browser asked for English: English it is.
    assert _sign_up(client, "/en/accounts/signup/", "Sughd", HTTP_ACCEPT_LANGUAGE="en-GB") == "en"
    # A page in another language: that language.
    assert _sign_up(client, "/ru/accounts/signup/", "Andijan") == "ru"


def test_a_region_whose_language_a_deployment_turned_off_gets_english(client, settings):
    # LANGUAGES_ENABLED without uz: a school in Fergana starts in English, not in a missing language.
    settings.LANGUAGES = [(code, name) for code, name in settings.LANGUAGES if code != "uz"]
    assert _sign_up(client, "/en/accounts/signup/", "Fergana", HTTP_ACCEPT_LANGUAGE="de") == "en"


def test_reference_names_show_in_the_new_languages_and_sort_by_their_alphabets(client):
    osh = Region.objects.get(name="Osh")
    assert (osh.name_in("ky"), osh.name_in("uz"), osh.name_in("tg")) == ("Ош облусу", "Oʻsh viloyati", "вилояти Ӯш")
    # Kazakh ә comes right after а; Uzbek oʻ and sh come after z; Turkish ç after c.
    assert sorted(["ба", "әа", "аа"], key=lambda t: collation_key(t, "kk")) == ["аа", "әа", "ба"]
    assert sorted(["shahar", "zamin", "sabzi"], key=lambda t: collation_key(t, "uz")) == ["sabzi", "zamin", "shahar"]
    assert sorted(["çay", "dağ", "cam"], key=lambda t: collation_key(t, "tr")) == ["cam", "çay", "dağ"]
    html = client.get("/kk/teachers/").content.decode()
    assert "Ош облысы" in html
