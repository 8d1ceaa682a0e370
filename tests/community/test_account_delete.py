"""Account deletion: the user's own data export first, then deletion with the password."""

import json

import pytest

from community.models import Ambassadorship, Profile, User
from tests.community import people_factories as f

pytestmark = pytest.mark.django_db


def memberships_export(user):
    return {
        "key": "memberships",
        "data": [{"community": "Rural English teachers", "role": "member"}],
    }


@pytest.fixture
def teacher_with_data(settings):
    settings.DATA_EXPORT_SECTIONS = ["tests.community.test_account_delete.memberships_export"]
    settings.LEARNING_RECORD_SECTIONS = []
    school = f.school(name="Kish village school", rural=True)
    user = f.teacher(
        email="aysel@example.az",
        name="Aysel",
        school_obj=school,
        subjects=["english"],
        languages=["az"],
        bio="Hello",
    )
    Ambassadorship.objects.create(user=user, region=f.region())
    return user


def test_delete_page_offers_the_export_first(client, teacher_with_data):
    client.force_login(teacher_with_data)
    body = client.get("/en/accounts/delete/").content.decode()
    assert body.index("/en/accounts/my-data.json") < body.index('name="password"')


def test_data_export_holds_profile_ambassadorships_and_other_apps_sections(
    client, teacher_with_data
):
    client.force_login(teacher_with_data)
    response = client.get("/en/accounts/my-data.json")
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert data["account"]["email"] == "aysel@example.az"
    assert data["profile"]["display_name"] == "Aysel"
    assert (
        data["profile"]["school"]["name"] == "Kish village school"
        and data["profile"]["school"]["rural"]
    )
    assert data["profile"]["subjects"] == ["English language"] and data["profile"]["languages"] == [
        "Azerbaijani"
    ]
    assert data["ambassador_of"][0]["region"] == "Shaki-Zagatala"
    assert data["memberships"] == [{"community": "Rural English teachers", "role": "member"}]


def test_export_needs_sign_in(client):
    assert client.get("/en/accounts/my-data.json").status_code == 302


def test_wrong_password_deletes_nothing(client, teacher_with_data):
    client.force_login(teacher_with_data)
    response = client.post("/en/accounts/delete/", {"password": "not-my-password"})
    assert response.status_code == 200 and "That is not your password" in response.content.decode()
    assert User.objects.filter(pk=teacher_with_data.pk).exists()


def test_delete_with_password_removes_account_and_profile_and_signs_out(client, teacher_with_data):
    client.force_login(teacher_with_data)
    from django.contrib.messages import get_messages

    response = client.post("/en/accounts/delete/", {"password": f.PASSWORD})
    assert response.status_code == 302
    assert any("have been deleted" in str(m) for m in get_messages(response.wsgi_request))
    assert not User.objects.filter(pk=teacher_with_data.pk).exists()
    assert not Profile.objects.filter(user_id=teacher_with_data.pk).exists()
    assert "_auth_user_id" not in client.session
    # The e-mail address is free again.
    assert client.get("/en/accounts/signup/").status_code == 200
