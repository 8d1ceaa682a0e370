"""An edit passes the same review as a post: a held edit keeps the published version for everyone else."""

import pytest
from django.urls import reverse

from community.discussions.models import Message, MessageRevision, Notification
from community.discussions.serializers import serialize_message
from community.discussions.services import message_edit, message_post
from community.moderation import services
from community.moderation.models import AuditLogEntry, BlockedWord
from community.moderation.selectors import held_messages_for
from tests.community.moderation_factories import World, join, person

pytestmark = pytest.mark.django_db

SPAM = "Cheap essays at https://spam.example/buy"


@pytest.fixture
def world(settings):
    from django.core.cache import cache

    settings.POST_REVIEWERS = ["community.moderation.trust.review_post"]
    cache.clear()
    yield World()
    cache.clear()


@pytest.fixture
def newcomer(world):
    teacher = person("Newcomer", days_old=1)
    join(world.community, teacher)
    return teacher


def room_page(client, world, user=None):
    client.logout()
    if user is not None:
        client.force_login(user)
    response = client.get(reverse("discussions:room", args=[world.room.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_a_new_members_link_spam_edit_is_held_and_visitors_keep_seeing_hello(
    client, world, newcomer
):
    message, _ = message_post(user=newcomer, room=world.room, body="hello", client_id="e-1")
    assert message.status == "published"

    edited = message_edit(user=newcomer, message_id=message.pk, body=SPAM)

    assert edited.pending_at is not None
    message.refresh_from_db()
    assert message.body == "hello" and message.status == "published"
    visitor_page = room_page(client, world)
    member_page = room_page(client, world, world.member)
    for page in (visitor_page, member_page):
        assert "hello" in page and "spam.example" not in page
    assert serialize_message(message)["body_html"] == "<p>hello</p>"
    assert "spam.example" not in str(serialize_message(message, viewer=world.member))
    # The author sees their edit and that it waits for a moderator.
    own = serialize_message(message, viewer=newcomer)
    assert own["edit_pending"] is True and "spam.example" in own["body_html"]
    # It is in the one moderation queue, as held posts are.
    assert message in list(held_messages_for(world.moderator))
    queue = room_page(client, world, world.moderator)  # the room, for the moderator, is unchanged
    assert "spam.example" not in queue
    client.force_login(world.moderator)
    queue = client.get(reverse("moderation:queue")).content.decode()
    assert "spam.example" in queue and "hello" in queue

    assert services.held_post_approve(actor=world.moderator, message_id=message.pk)

    message.refresh_from_db()
    assert "spam.example" in message.body and message.pending_at is None
    assert message.edited_at is not None
    assert list(MessageRevision.objects.filter(message=message).values_list("body", flat=True)) == [
        "hello"
    ]
    assert "spam.example" in room_page(client, world)
    assert message not in list(held_messages_for(world.moderator))
    assert AuditLogEntry.objects.filter(action="approve_post", target_id=message.pk).count() == 1
    assert Notification.objects.filter(recipient=newcomer, title__contains="edit").exists()
    # Approving twice changes nothing.
    assert not services.held_post_approve(actor=world.moderator, message_id=message.pk)


def test_refusing_a_held_edit_keeps_the_published_version(client, world, newcomer):
    message, _ = message_post(user=newcomer, room=world.room, body="hello", client_id="e-2")
    message_edit(user=newcomer, message_id=message.pk, body=SPAM)

    assert services.held_post_refuse(
        actor=world.moderator, message_id=message.pk, reason="Advertising"
    )

    message.refresh_from_db()
    assert message.body == "hello" and message.status == "published"
    assert message.pending_at is None and message.edited_at is None
    assert "spam.example" not in str(serialize_message(message, viewer=newcomer))
    assert "hello" in room_page(client, world)
    assert any("Advertising" in n.shown_body for n in Notification.objects.filter(recipient=newcomer))
    assert message not in list(held_messages_for(world.moderator))


def test_a_trusted_members_edit_with_a_link_is_published_at_once(client, world):
    message, _ = message_post(user=world.member, room=world.room, body="hello", client_id="e-3")

    message_edit(user=world.member, message_id=message.pk, body="Our plan: https://school.example")

    message.refresh_from_db()
    assert message.pending_at is None
    assert "school.example" in message.body
    assert "school.example" in room_page(client, world)
    assert message not in list(held_messages_for(world.moderator))


def test_an_edit_with_a_blocked_word_is_held_even_from_a_trusted_member(client, world):
    BlockedWord.objects.create(phrase="casino")
    message, _ = message_post(user=world.member, room=world.room, body="hello", client_id="e-4")

    message_edit(user=world.member, message_id=message.pk, body="Best casino in town")

    message.refresh_from_db()
    assert message.body == "hello" and "casino" in message.pending_reason
    assert "casino" not in room_page(client, world)


def test_a_later_clean_edit_replaces_the_held_one(client, world, newcomer):
    message, _ = message_post(user=newcomer, room=world.room, body="hello", client_id="e-5")
    message_edit(user=newcomer, message_id=message.pk, body=SPAM)

    message_edit(user=newcomer, message_id=message.pk, body="hello, colleagues")

    message.refresh_from_db()
    assert message.body == "hello, colleagues" and message.pending_at is None
    assert message not in list(held_messages_for(world.moderator))
    assert Message.objects.get(pk=message.pk).pending_body == ""


def test_editing_in_the_browser_says_the_edit_awaits_review(client, world, newcomer):
    message, _ = message_post(user=newcomer, room=world.room, body="hello", client_id="e-6")
    client.force_login(newcomer)

    response = client.post(
        reverse("discussions:message_edit", args=[message.pk]), {"body": SPAM}, follow=True
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "Your edit is waiting for review" in page


def test_the_author_sees_their_held_edit_on_the_room_page_and_edits_on_from_it(
    client, world, newcomer
):
    message, _ = message_post(user=newcomer, room=world.room, body="hello", client_id="e-7")
    message_edit(user=newcomer, message_id=message.pk, body=SPAM)
    notice = "Your edit is waiting for review: others see the earlier version"

    own_page = room_page(client, world, newcomer)
    assert notice in own_page and "spam.example" in own_page
    edit_page = client.get(reverse("discussions:message_edit", args=[message.pk])).content.decode()
    assert "spam.example" in edit_page

    member_page = room_page(client, world, world.member)
    assert "spam.example" not in member_page
    # Only the author's copy of the message shows it (the live room's <template> carries it too).
    assert own_page.count(notice) == member_page.count(notice) + 1
