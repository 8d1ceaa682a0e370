"""A teacher's public identity is a chosen @handle, never the e-mail address they signed up with."""

import json

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from community.discussions.models import Notification
from community.discussions.selectors import messages_since
from community.discussions.serializers import serialize_message
from community.discussions.services import message_post
from community.models import School, User

from . import discussions_factories as df
from . import people_factories as f
from .discussions_factories import discussions_defaults  # noqa: F401

pytestmark = pytest.mark.django_db

EMAIL = "nigar.hasanova@example.az"


def sign_up(client, django_capture_on_commit_callbacks, *, email=EMAIL, name="Nigar Həsənova"):
    """A teacher who registered through the sign-up form, confirmed and verified."""
    region = f.region("Guba-Khachmaz")
    school, _ = School.objects.get_or_create(name="Gachrez village school", region=region)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/en/accounts/signup/",
            {
                "email": email,
                "display_name": name,
                "password1": "birch-lantern-harbour",
                "password2": "birch-lantern-harbour",
                "region": str(region.pk),
                "school": str(school.pk),
            },
        )
    user = User.objects.get(email=email)
    user.email_confirmed = True
    user.verified_at = timezone.now()
    user.save()
    return user


def leaks(text, email=EMAIL):
    """The address, or its part before the @, anywhere in `text`."""
    local = email.split("@")[0]
    return email in text or local in text or email.replace("@", "%40") in text


@pytest.fixture
def nigar(client, django_capture_on_commit_callbacks):
    return sign_up(client.__class__(), django_capture_on_commit_callbacks)


@pytest.fixture
def public_room(nigar):
    owner = df.user(username="owner", name="Olga Owner")
    c = df.community(name="Rural leaders", owner=owner)
    df.member(c, nigar)
    return c, df.room(c), owner


def test_sign_up_derives_a_handle_from_the_name(nigar):
    assert nigar.username == nigar.handle == "nigar-həsənova"
    assert nigar.profile.display_name == "Nigar Həsənova"


def test_the_same_name_twice_gets_two_handles(client, nigar, django_capture_on_commit_callbacks):
    other = sign_up(client, django_capture_on_commit_callbacks, email="n.h@example.org")
    assert other.username == "nigar-həsənova-2"


def test_message_frames_and_the_backlog_show_the_handle_not_the_address(nigar, public_room):
    _c, room, owner = public_room
    message, _created = message_post(user=nigar, room=room, body="Salam!", client_id="c-1")
    frame = serialize_message(message)
    assert frame["author"]["username"] == "nigar-həsənova"
    assert not leaks(json.dumps(frame, ensure_ascii=False))
    # What an anonymous socket of the public room gets as its backlog.
    backlog, _complete = messages_since(room, viewer=None, since_seq=0, limit=50)
    body = json.dumps([serialize_message(m) for m in backlog], ensure_ascii=False)
    assert "nigar-həsənova" in body and not leaks(body)


def test_no_page_shows_the_address_to_others(client, nigar, public_room):
    c, room, owner = public_room
    df.message(room, nigar, "Hello from Guba")
    pages = {
        "members": reverse("discussions:community_members", args=[c.slug]),
        "room": reverse("discussions:room", args=[room.pk]),
        "profile": reverse("teacher_profile", args=[nigar.pk]),
        "directory": "/en/teachers/",
        "directory search": "/en/teachers/?q=Nigar",
    }
    for viewer in (None, owner):
        if viewer is not None:
            client.force_login(viewer)
        for name, url in pages.items():
            html = client.get(url).content.decode()
            assert "Nigar Həsənova" in html, name
            assert not leaks(html), (name, viewer)
    members = client.get(pages["members"]).content.decode()
    assert "@nigar-həsənova" in members
    assert "@nigar-həsənova" in client.get(pages["profile"]).content.decode()


def test_a_mention_by_handle_in_any_case_links_and_notifies(nigar, public_room):
    _c, room, owner = public_room
    message, _created = message_post(
        user=owner, room=room, body="Thank you @Nigar-Həsənova.", client_id="c-2"
    )
    profile_url = reverse("teacher_profile", args=[nigar.pk])
    assert f'href="{profile_url}"' in message.body_html
    assert Notification.objects.filter(recipient=nigar, kind="mention").exists()


def test_a_handle_with_a_dotted_capital_i_is_found_as_typed(nigar, public_room):
    _c, room, owner = public_room
    User.objects.filter(pk=nigar.pk).update(username="inci")
    message, _created = message_post(user=owner, room=room, body="@İnci salam", client_id="c-4")
    assert reverse("teacher_profile", args=[nigar.pk]) in message.body_html


def test_the_address_before_the_at_no_longer_finds_anyone(nigar, public_room):
    # It used to: "@nigar.hasanova" linked to her profile, telling everyone her address.
    _c, room, owner = public_room
    message, _created = message_post(
        user=owner, room=room, body="Hi @nigar.hasanova", client_id="c-3"
    )
    assert reverse("teacher_profile", args=[nigar.pk]) not in message.body_html
    assert not Notification.objects.filter(recipient=nigar).exists()


def test_the_teacher_chooses_a_handle_on_the_profile(client, nigar):
    client.force_login(nigar)
    page = client.get("/en/accounts/profile/").content.decode()
    assert 'name="handle"' in page and 'value="nigar-həsənova"' in page
    response = client.post(
        "/en/accounts/profile/",
        {
            "display_name": "Nigar Həsənova",
            "handle": "@İnci_Guba",
            "interface_language": "en",
            "time_zone": "Asia/Baku",
        },
    )
    assert response.status_code == 302
    nigar.refresh_from_db()
    assert nigar.username == "inci_guba"


@pytest.mark.parametrize(
    "handle, error",
    [
        ("OWNER", "This handle is taken. Choose another one."),
        (EMAIL, "has no @ or spaces"),
        ("two words", "has no @ or spaces"),
        ("x", "2 to 40"),
        ("a" * 41, "2 to 40"),
        ("-dash", "begins and ends with a letter or a digit"),
    ],
)
def test_a_bad_or_taken_handle_is_explained_and_nothing_is_saved(
    client, nigar, public_room, handle, error
):
    client.force_login(nigar)
    response = client.post(
        "/en/accounts/profile/",
        {
            "display_name": "Another name",
            "handle": handle,
            "interface_language": "en",
            "time_zone": "Asia/Baku",
        },
    )
    assert response.status_code == 200
    assert error in response.content.decode()
    nigar.refresh_from_db()
    assert nigar.username == "nigar-həsənova"
    assert nigar.profile.display_name == "Nigar Həsənova"


def test_an_account_saved_with_an_address_as_its_username_gets_a_handle_instead():
    user = User.objects.create_user(
        username="leyla.k@example.org",
        email="leyla.k@example.org",
        first_name="Leyla",
        last_name="Karimli",
    )
    assert user.username == "leyla-karimli"


def test_existing_accounts_get_handles_from_their_names():
    migration = __import__("community.migrations.0005_public_handles", fromlist=["give_handles"])
    people = [
        ("aysel@example.az", "Aysel Məmmədova"),
        ("aysel.m@example.org", "Aysel Məmmədova"),
        ("noname@example.org", ""),
    ]
    users = []
    for email, name in people:
        user = f.teacher(email=email, name=name or "x")
        if not name:
            user.profile.display_name = ""
            user.profile.save()
        users.append(user)
    keep = df.user(username="Rashad")
    twin = df.user(username="rashad-x", name="Rəşad Əliyev")
    User.objects.filter(pk=twin.pk).update(username="rashad x")  # not a handle
    for user, (email, _name) in zip(users, people, strict=True):
        User.objects.filter(pk=user.pk).update(username=email)  # as sign-up used to store it
    migration.give_handles(apps, None)
    handles = dict(User.objects.values_list("pk", "username"))
    assert [handles[u.pk] for u in users] == ["aysel-məmmədova", "aysel-məmmədova-2", "teacher"]
    assert handles[keep.pk] == "Rashad"
    assert handles[twin.pk] == "rəşad-əliyev"
    assert len({h.lower() for h in handles.values()}) == len(handles)
    assert not any("@" in h for h in handles.values())


def test_the_own_data_export_names_the_handle(client, nigar):
    client.force_login(nigar)
    data = json.loads(client.get(reverse("data_export")).content)
    assert data["account"]["handle"] == "nigar-həsənova"
    assert data["account"]["email"] == EMAIL


def test_staff_find_an_account_by_its_handle_in_the_admin(client, nigar):
    staff = df.user(username="staffer", staff=True)
    staff.is_superuser = True
    staff.save()
    client.force_login(staff)
    page = client.get("/django-admin/community/user/", {"q": "nigar-həsənova"}).content.decode()
    assert EMAIL in page and "nigar-həsənova" in page
