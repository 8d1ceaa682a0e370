"""Sign-up with a school picked by region (or a new one), and e-mail confirmation by signed link."""

import re

import pytest
from django.core import mail, signing

from community.models import School, User
from community.services import confirmation_token
from tests.community import people_factories as f

pytestmark = pytest.mark.django_db


def signup_data(**extra):
    region = f.region("Guba-Khachmaz")
    school, _ = School.objects.get_or_create(
        name="Gachrez village school", region=region, defaults={"is_rural": True}
    )
    data = {
        "email": "Nigar.Hasanova@Example.az",
        "display_name": "Nigar Həsənova",
        "password1": "birch-lantern-harbour",
        "password2": "birch-lantern-harbour",
        "region": str(region.pk),
        "school": str(school.pk),
    }
    data.update(extra)
    return data


def test_sign_up_creates_an_unconfirmed_teacher_and_mails_a_link_that_confirms(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/accounts/signup/", signup_data())
    assert response.status_code == 302 and response["Location"] == "/en/accounts/signup/done/"
    user = User.objects.get(email="nigar.hasanova@example.az")
    assert not user.email_confirmed
    assert user.profile.display_name == "Nigar Həsənova"
    assert user.profile.school.name == "Gachrez village school"
    assert "nigar.hasanova@example.az" in client.get("/en/accounts/signup/done/").content.decode()

    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["nigar.hasanova@example.az"]
    link = re.search(
        r"http://testserver(/en/accounts/confirm/[^/\s]+/)", mail.outbox[0].body
    ).group(1)
    response = client.get(link)
    assert response.status_code == 302 and response["Location"].endswith("/accounts/profile/")
    user.refresh_from_db()
    assert user.email_confirmed
    # Confirming signs the teacher in.
    assert client.get("/en/accounts/profile/").status_code == 200


def test_confirmation_mail_is_in_the_language_of_the_sign_up_page(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/ru/accounts/signup/", signup_data())
    assert "/ru/accounts/confirm/" in mail.outbox[0].body
    assert User.objects.get(email="nigar.hasanova@example.az").profile.interface_language == "ru"


def test_a_tampered_or_expired_link_is_refused_with_a_way_to_get_a_new_one(client, settings):
    user = f.teacher(confirmed=False)
    token = confirmation_token(user)
    response = client.get(f"/en/accounts/confirm/{token[:-3]}abc/")
    assert response.status_code == 400
    assert "not valid" in response.content.decode()
    assert 'action="/en/accounts/confirm/resend/"' in response.content.decode()
    settings.EMAIL_CONFIRMATION_MAX_AGE = -1
    response = client.get(f"/en/accounts/confirm/{token}/")
    assert response.status_code == 400 and "expired" in response.content.decode()
    user.refresh_from_db()
    assert not user.email_confirmed


def test_a_link_for_an_old_address_does_not_confirm_a_changed_one(client):
    user = f.teacher(confirmed=False)
    token = confirmation_token(user)
    user.email = "other@example.org"
    user.save()
    assert client.get(f"/en/accounts/confirm/{token}/").status_code == 400
    user.refresh_from_db()
    assert not user.email_confirmed


def test_a_known_address_gets_the_same_answer_as_a_new_one_and_its_owner_a_mail(
    client, django_capture_on_commit_callbacks
):
    owner = f.teacher(email="nigar.hasanova@example.az", name="Nigar Həsənova")
    password = owner.password
    data = signup_data(school="", school_not_listed="on", new_school_name="A brand new school")
    before = School.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        known = client.post("/en/accounts/signup/", data)  # the address in another case
    known_page = client.get("/en/accounts/signup/done/").content.decode()
    assert known.status_code == 302 and known["Location"] == "/en/accounts/signup/done/"
    assert "already exists" not in known_page
    # Nothing was made or changed; the owner is told, with a way to sign in or reset.
    assert User.objects.filter(email__iexact="nigar.hasanova@example.az").count() == 1
    owner.refresh_from_db()
    assert owner.password == password
    assert School.objects.count() == before
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["nigar.hasanova@example.az"]
    notice = mail.outbox[0]
    assert "tried to sign up" in notice.subject
    assert "http://testserver/en/accounts/login/" in notice.body
    assert "http://testserver/en/accounts/password/reset/" in notice.body
    assert "/accounts/confirm/" not in notice.body

    # A new address: the same redirect and the same page, but with a confirmation link.
    other = client.__class__()
    with django_capture_on_commit_callbacks(execute=True):
        new = other.post("/en/accounts/signup/", signup_data(email="someone.else@example.az"))
    new_page = other.get("/en/accounts/signup/done/").content.decode()
    assert new.status_code == known.status_code and new["Location"] == known["Location"]
    def main(page, email):  # the page's content, without the per-session CSRF token
        page = page.replace(email, "X").replace(email.replace("@", "%40"), "X")
        return re.search(r"<main.*</main>", page, re.S).group(0)

    assert main(new_page, "someone.else@example.az") == main(known_page, "nigar.hasanova@example.az")
    assert "/accounts/confirm/" in mail.outbox[1].body


def test_repeated_sign_ups_with_a_known_address_mail_its_owner_once_in_a_while(
    client, django_capture_on_commit_callbacks
):
    from django.core.cache import cache

    cache.clear()
    f.teacher(email="nigar.hasanova@example.az")
    for _ in range(4):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post("/en/accounts/signup/", signup_data())
        assert response["Location"] == "/en/accounts/signup/done/"
    assert len(mail.outbox) == 1
    cache.clear()


def test_weak_or_mismatched_password_is_explained(client):
    response = client.post(
        "/en/accounts/signup/", signup_data(password1="12345678", password2="12345678")
    )
    body = response.content.decode()
    assert "too short" in body or "too common" in body
    response = client.post("/en/accounts/signup/", signup_data(password2="something-else-entirely"))
    assert "not the same" in response.content.decode()
    assert not User.objects.filter(email="nigar.hasanova@example.az").exists()


def test_errors_come_in_the_users_language(client):
    data = signup_data(password2="another-lantern-harbour")
    response = client.post("/ru/accounts/signup/", data)
    assert "Пароли не совпадают." in response.content.decode()
    response = client.post("/az/accounts/signup/", data)
    assert "İki parol eyni deyil." in response.content.decode()


def test_school_must_belong_to_the_chosen_region(client):
    elsewhere = f.school(region_obj=f.region("Baku"))
    response = client.post("/en/accounts/signup/", signup_data(school=str(elsewhere.pk)))
    assert "Choose a school of the selected region" in response.content.decode()
    assert not User.objects.filter(email="nigar.hasanova@example.az").exists()


def test_school_is_required(client):
    response = client.post("/en/accounts/signup/", signup_data(school=""))
    assert "Choose your school" in response.content.decode()
    assert not User.objects.exists()


def test_show_schools_lists_the_regions_schools_without_javascript_and_shows_no_errors(client):
    region = f.region("Lankaran-Astara")
    f.school(name="Pensar village school", region_obj=region)
    f.school(name="Somewhere in Baku", region_obj=f.region("Baku"))
    response = client.post(
        "/en/accounts/signup/",
        {"email": "x@example.org", "region": str(region.pk), "show_schools": "1"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Pensar village school" in body and "Somewhere in Baku" not in body
    assert 'value="x@example.org"' in body
    assert "Please correct" not in body
    assert not User.objects.exists()


def test_my_school_is_not_listed_creates_it_in_the_chosen_region(client):
    region = f.region("Turkistan", "KZ")
    response = client.post(
        "/en/accounts/signup/",
        signup_data(
            region=str(region.pk),
            school="",
            school_not_listed="on",
            new_school_name="Sholakkorgan village school",
            new_school_settlement="Sholakkorgan",
            new_school_rural="on",
        ),
    )
    assert response.status_code == 302
    school = User.objects.get(email="nigar.hasanova@example.az").profile.school
    assert (school.name, school.region, school.is_rural, school.settlement) == (
        "Sholakkorgan village school",
        region,
        True,
        "Sholakkorgan",
    )


def test_a_new_school_in_an_unknown_region_is_refused_and_nothing_is_saved(client):
    data = signup_data(
        region="999999", school="", school_not_listed="on", new_school_name="Ghost school"
    )
    before = School.objects.count()
    response = client.post("/en/accounts/signup/", data)
    assert "Choose a region from the list" in response.content.decode()
    assert School.objects.count() == before
    assert not User.objects.filter(email="nigar.hasanova@example.az").exists()


def test_a_new_school_that_already_exists_points_to_the_list(client):
    response = client.post(
        "/en/accounts/signup/",
        signup_data(school="", school_not_listed="on", new_school_name="gachrez VILLAGE school"),
    )
    assert "already listed" in response.content.decode()
    assert not User.objects.filter(email="nigar.hasanova@example.az").exists()


def test_resend_sends_a_new_link_only_to_unconfirmed_accounts_and_says_the_same_either_way(
    client, django_capture_on_commit_callbacks
):
    from django.core.cache import cache

    cache.clear()
    f.teacher(email="waiting@example.org", confirmed=False)
    f.teacher(email="done@example.org", confirmed=True)
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(
            "/en/accounts/confirm/resend/", {"email": "waiting@example.org"}, follow=True
        )
        second = client.post(
            "/en/accounts/confirm/resend/", {"email": "done@example.org"}, follow=True
        )
        client.post("/en/accounts/confirm/resend/", {"email": "nobody@example.org"}, follow=True)
    assert [m.to for m in mail.outbox] == [["waiting@example.org"]]
    assert "a new link is on its way" in first.content.decode()
    assert "a new link is on its way" in second.content.decode()
    token = re.search(r"/confirm/([^/\s]+)/", mail.outbox[0].body).group(1)
    assert signing.loads(token, salt="community.email-confirmation")["e"] == "waiting@example.org"
