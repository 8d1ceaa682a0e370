"""Direct messages between teachers: requests, acceptance, declines, blocks, reports, the inbox."""

import json

import pytest
from bs4 import BeautifulSoup
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from community.discussions import services
from community.discussions.models import Conversation, Message, Notification, Room
from community.errors import ActionError

from . import discussions_factories as f
from .discussions_factories import discussions_defaults  # noqa: F401

pytestmark = pytest.mark.django_db


def _start(client, to, body="Salam! Shall we start a project on rivers?"):
    return client.post(
        reverse("discussions:conversation_new"),
        {"to": to, "body": body, "client_id": f"c-{abs(hash((to, body)))}"},
    )


def _text(response):
    return BeautifulSoup(response.content.decode(), "html.parser").get_text(" ", strip=True)


@pytest.fixture
def people():
    return (
        f.user(username="aysel", name="Aysel Mammadova"),
        f.user(username="bakyt", name="Bakyt Osmonov"),
        f.user(username="carla", name="Carla Outsider"),
    )


def test_a_first_message_is_a_request_that_opens_when_accepted(client, people):
    aysel, bakyt, _carla = people
    client.force_login(aysel)
    response = _start(client, "@bakyt")
    conversation = Conversation.objects.get()
    assert conversation.state == "request"
    assert response.status_code == 302 and response["Location"].startswith(
        conversation.get_absolute_url()
    )
    # the writer waits: a second message is refused, and nothing is written
    page = client.get(conversation.get_absolute_url())
    assert "waiting for an answer" in _text(page)
    refused = client.post(
        reverse("discussions:room_post", args=[conversation.room_id]),
        {"body": "Are you there?", "client_id": "c-second"},
    )
    assert refused.status_code == 302
    assert Message.objects.filter(room=conversation.room).count() == 1
    # the recipient is told, reads the request and accepts it
    note = Notification.objects.get(recipient=bakyt)
    assert note.kind == "direct_request" and note.url == conversation.get_absolute_url()
    client.force_login(bakyt)
    inbox = client.get(reverse("discussions:inbox"))
    assert "Requests" in _text(inbox) and "Aysel Mammadova" in _text(inbox)
    page = client.get(conversation.get_absolute_url())
    assert "Shall we start a project on rivers?" in _text(page)
    assert "would like to start a conversation with you" in _text(page)
    client.post(reverse("discussions:conversation_accept", args=[conversation.room_id]))
    conversation.refresh_from_db()
    assert conversation.state == "open"
    assert Notification.objects.filter(recipient=aysel, kind="direct_answer").exists()
    client.post(
        reverse("discussions:room_post", args=[conversation.room_id]),
        {"body": "Yes, gladly!", "client_id": "c-reply"},
    )
    client.force_login(aysel)
    client.post(
        reverse("discussions:room_post", args=[conversation.room_id]),
        {"body": "Wonderful.", "client_id": "c-third"},
    )
    bodies = list(Message.objects.filter(room=conversation.room).order_by("seq").values_list("body", flat=True))
    assert bodies == ["Salam! Shall we start a project on rivers?", "Yes, gladly!", "Wonderful."]


def test_writing_again_to_the_same_people_continues_their_conversation(client, people):
    aysel, bakyt, _carla = people
    client.force_login(aysel)
    _start(client, "bakyt")
    conversation = Conversation.objects.get()
    services.conversation_accept(user=bakyt, conversation_id=conversation.room_id)
    # the profile's "Message" link lands in the open conversation
    response = client.get(reverse("discussions:conversation_new") + "?to=bakyt")
    assert response.status_code == 302 and response["Location"] == conversation.get_absolute_url()
    _start(client, "@Bakyt", body="One more thing")
    assert Conversation.objects.count() == 1
    assert Message.objects.filter(room=conversation.room).count() == 2


def test_people_who_talked_already_start_a_group_without_a_request(people):
    aysel, bakyt, carla = people
    first, _ = services.conversation_start(user=aysel, recipients=[bakyt], body="Hi", client_id="g1")
    services.conversation_accept(user=bakyt, conversation_id=first.room_id)
    group, _ = services.conversation_start(
        user=aysel, recipients=[bakyt, carla], body="All three?", client_id="g2"
    )
    assert group.state == "request"  # Carla never talked with Aysel
    again, _ = services.conversation_start(user=bakyt, recipients=[aysel], body="Hi", client_id="g3")
    assert again.pk == first.pk and again.state == "open"


def test_a_declined_request_is_told_politely_and_cannot_be_repeated_for_a_while(client, people):
    aysel, bakyt, _carla = people
    client.force_login(aysel)
    _start(client, "bakyt")
    conversation = Conversation.objects.get()
    client.force_login(bakyt)
    client.post(reverse("discussions:conversation_decline", args=[conversation.room_id]))
    conversation.refresh_from_db()
    assert conversation.state == "declined"
    told = Notification.objects.get(recipient=aysel, kind="direct_answer")
    assert "not taking up your conversation request" in told.shown_title
    client.force_login(aysel)
    response = _start(client, "bakyt", body="Please?")
    assert response.status_code == 200
    assert "declined your last request" in _text(response)
    assert Message.objects.filter(room=conversation.room).count() == 1
    with pytest.raises(ActionError) as refused:
        services.message_post(
            user=bakyt, room=Room.objects.get(pk=conversation.room_id), body="Hello?", client_id="after-decline"
        )
    assert refused.value.detail == "This conversation request was declined."


def test_a_block_stops_messages_and_notifications(client, people):
    aysel, bakyt, _carla = people
    conversation, _ = services.conversation_start(
        user=aysel, recipients=[bakyt], body="Hi", client_id="b1"
    )
    services.conversation_accept(user=bakyt, conversation_id=conversation.room_id)
    client.force_login(bakyt)
    client.post(reverse("discussions:block", args=[aysel.pk]))
    Notification.objects.all().delete()
    room = Room.objects.get(pk=conversation.room_id)
    with pytest.raises(ActionError) as refused:
        services.message_post(user=aysel, room=room, body="Hello?", client_id="b2")
    assert refused.value.detail == "You cannot write in this conversation."
    client.force_login(aysel)
    response = _start(client, "bakyt", body="Let me explain")
    assert "does not take messages from you" in _text(response)
    # nor does anything else Aysel does reach Bakyt: a reply in a community room
    c = f.community(owner=aysel)
    f.member(c, bakyt)
    room = f.room(c)
    parent, _ = services.message_post(user=bakyt, room=room, body="A question", client_id="b3")
    services.message_post(
        user=aysel, room=room, body="An answer", client_id="b4", reply_to_id=parent.pk
    )
    assert not Notification.objects.filter(recipient=bakyt).exists()
    # the profile offers to unblock, and after that they can talk again
    client.force_login(bakyt)
    profile = client.get(reverse("teacher_profile", args=[aysel.pk]))
    assert "Unblock" in _text(profile) and "Message" not in [a.get_text(strip=True) for a in BeautifulSoup(profile.content, "html.parser").select("a.button")]
    client.post(reverse("discussions:unblock", args=[aysel.pk]))
    message, _ = services.message_post(
        user=aysel, room=Room.objects.get(pk=conversation.room_id), body="Hi again", client_id="b5"
    )
    assert message.pk


def test_only_members_read_a_conversation_staff_and_outsiders_get_404(client, people):
    aysel, bakyt, carla = people
    staff = f.user(username="admin", staff=True)
    conversation, message = services.conversation_start(
        user=aysel, recipients=[bakyt], body="A private word about the inspection", client_id="p1"
    )
    for who in (carla, staff):
        client.force_login(who)
        assert client.get(conversation.get_absolute_url()).status_code == 404
        assert client.get(reverse("discussions:room", args=[conversation.room_id])).status_code == 404
        assert client.get(reverse("discussions:message_history", args=[message.pk])).status_code == 404
        hits = client.get(reverse("cms:search") + "?q=inspection")
        assert "private word" not in hits.content.decode()
    client.logout()
    assert client.get(conversation.get_absolute_url()).status_code == 404
    client.force_login(bakyt)
    assert client.get(reverse("discussions:room", args=[conversation.room_id]))["Location"] == (
        conversation.get_absolute_url()
    )
    # not even in the members' own site search: conversations stay out of the index's results
    assert "private word" not in client.get(reverse("cms:search") + "?q=inspection").content.decode()


def test_a_reported_message_reaches_the_reporters_ambassador_with_its_context_only(client):
    from community.models import Ambassadorship

    region = f.a_region()
    aysel = f.user(username="aysel2", name="Aysel")
    bakyt = f.user(username="bakyt2", name="Bakyt", region=region)
    ambassador = f.user(username="amb", name="Ambassador")
    Ambassadorship.objects.create(user=ambassador, region=region)
    conversation, _ = services.conversation_start(
        user=aysel, recipients=[bakyt], body="Buy my textbooks, cheap!!!", client_id="r1"
    )
    bad = Message.objects.get(room=conversation.room)
    client.force_login(bakyt)
    content_type = ContentType.objects.get_for_model(Message)
    response = client.post(
        reverse("moderation:report_create", args=["discussions", "message", bad.pk]),
        {"reason": "spam", "details": ""},
    )
    assert response.status_code == 302
    from community.moderation.models import Report

    report = Report.objects.get(content_type=content_type, object_id=bad.pk)
    assert report.region_id == region.pk and report.target_url == ""
    client.force_login(ambassador)
    page = client.get(reverse("moderation:report", args=[report.pk]))
    assert page.status_code == 200 and "Buy my textbooks" in _text(page)
    assert client.get(conversation.get_absolute_url()).status_code == 404


def test_the_message_buttons_and_the_inbox_without_javascript(client, people):
    aysel, bakyt, _carla = people
    unverified = f.user(username="newbie", verified=False)
    client.force_login(aysel)
    profile = BeautifulSoup(client.get(reverse("teacher_profile", args=[bakyt.pk])).content, "html.parser")
    link = [a for a in profile.select("a.button") if a.get_text(strip=True).startswith("Message")]
    assert link and link[0]["href"] == reverse("discussions:conversation_new") + "?to=bakyt"
    new = client.get(link[0]["href"])
    assert BeautifulSoup(new.content, "html.parser").select_one("input[name=to]")["value"] == "@bakyt"
    assert _start(client, "nobody-here").status_code == 200
    assert "No teacher has the handle @nobody-here" in _text(_start(client, "nobody-here"))
    assert not Conversation.objects.exists()
    empty = _start(client, "bakyt", body="   ")
    assert empty.status_code == 200 and not Conversation.objects.exists()
    # an unverified teacher sees why they cannot write, and no button
    client.force_login(unverified)
    profile = client.get(reverse("teacher_profile", args=[bakyt.pk]))
    assert "?to=bakyt" not in profile.content.decode()
    assert "Only verified teachers can start a conversation" in _text(
        client.get(reverse("discussions:conversation_new"))
    )
    assert _start(client, "bakyt").status_code == 200 and not Conversation.objects.exists()


def test_the_data_export_holds_the_conversations(client, people):
    aysel, bakyt, _carla = people
    conversation, _ = services.conversation_start(
        user=aysel, recipients=[bakyt], body="Our plan", client_id="e1"
    )
    from community.discussions.records import export_section

    data = export_section(bakyt)["data"]["direct_conversations"]
    assert data == [
        {
            "people": ["Aysel Mammadova", "Bakyt Osmonov"],
            "messages": [
                {
                    "author": "Aysel Mammadova",
                    "created_at": data[0]["messages"][0]["created_at"],
                    "body": "Our plan",
                    "deleted": False,
                }
            ],
        }
    ]
    json.dumps(data)


def test_the_digest_brings_an_unread_conversation_but_not_a_declined_one(people):
    from datetime import timedelta

    from django.utils import timezone

    from community.digests import compose

    aysel, bakyt, carla = people
    open_one, _ = services.conversation_start(
        user=aysel, recipients=[bakyt], body="Our river data is ready", client_id="d1"
    )
    services.conversation_accept(user=bakyt, conversation_id=open_one.room_id)
    declined, _ = services.conversation_start(
        user=carla, recipients=[bakyt], body="Buy my course", client_id="d2"
    )
    services.conversation_decline(user=bakyt, conversation_id=declined.room_id)
    now = timezone.now()
    sections = compose(bakyt, since=now - timedelta(days=7), until=now + timedelta(minutes=1))
    text = json.dumps(sections, default=str, ensure_ascii=False)
    assert "Conversation with Aysel Mammadova" in text and "Our river data is ready" in text
    assert "Buy my course" not in text
    assert "Our river data" not in json.dumps(
        compose(carla, since=now - timedelta(days=7), until=now + timedelta(minutes=1)),
        default=str,
    )
