"""Community and room pages without JavaScript: reading, paging, posting, editing, reacting, attachments."""

import io
import re

import pytest
from django.urls import reverse
from PIL import Image

from community.discussions import services
from community.discussions.models import Attachment, Membership, Message, Notification

from . import discussions_factories as f
from .discussions_factories import discussions_defaults  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    owner = f.user(username="owner", name="Olga Owner")
    c = f.community(name="Rural leaders", owner=owner)
    alice = f.user(username="alice", name="Alice Aliyeva")
    f.member(c, alice)
    return c, f.room(c), owner, alice


def room_url(room, **query):
    url = reverse("discussions:room", args=[room.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_visitor_reads_a_public_room_and_is_asked_to_sign_in(client, world):
    c, room, owner, _alice = world
    f.message(room, owner, "Welcome to the room")
    page = client.get(room_url(room))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Welcome to the room" in html
    assert "Sign in to take part" in html
    assert 'name="body"' not in html


def test_member_posts_through_the_plain_form_once_even_when_submitted_twice(client, world):
    _c, room, _owner, alice = world
    client.force_login(alice)
    page = client.get(room_url(room))
    html = page.content.decode()
    client_id = re.search(r'name="client_id" value="([^"]+)"', html).group(1)
    for _ in range(2):
        response = client.post(
            reverse("discussions:room_post", args=[room.pk]),
            {"body": "Plain form works", "client_id": client_id},
        )
        assert response.status_code == 302
        assert response["Location"].endswith("#m1")
    assert Message.objects.filter(room=room).count() == 1
    html = client.get(room_url(room)).content.decode()
    assert "Plain form works" in html
    for attribute in (
        f'data-room-id="{room.pk}"',
        'data-last-seq="1"',
        'data-ws-url="/ws/"',
        f'data-user-id="{alice.pk}"',
    ):
        assert attribute in html
    assert (
        'id="room-live"' in html
        and 'id="typing-indicator"' in html
        and 'id="presence-list"' in html
    )


def test_empty_and_oversize_posts_show_a_message_and_save_nothing(client, world, settings):
    _c, room, _owner, alice = world
    settings.DISCUSSIONS_MAX_BODY = 20
    client.force_login(alice)
    url = reverse("discussions:room_post", args=[room.pk])
    response = client.post(url, {"body": "   ", "client_id": "form-a"})
    # back at the room's own address (a GET there works), never a page at the POST-only one
    assert response.status_code == 302
    assert response["Location"] == room_url(room) + "#compose"
    page = client.get(response["Location"])
    assert page.status_code == 200 and "Write a message first." in page.content.decode()
    # the error is shown once: a reload shows the plain room again
    assert "Write a message first." not in client.get(room_url(room)).content.decode()
    response = client.post(url, {"body": "x" * 21, "client_id": "form-b"}, follow=True)
    html = response.content.decode()
    assert response.redirect_chain[-1][0] == room_url(room) + "#compose"
    assert "too long" in html and "x" * 21 in html  # the text is kept in the composer
    assert not Message.objects.exists()


def test_a_refused_then_a_real_plain_post_lands_on_the_message(client, world):
    _c, room, _owner, alice = world
    client.force_login(alice)
    page = client.get(room_url(room)).content.decode()
    client_id = re.search(r'name="client_id" value="([^"]+)"', page).group(1)
    next_value = re.search(r'name="next" value="([^"]+)"', page).group(1)
    url = reverse("discussions:room_post", args=[room.pk])
    refused = client.post(
        url, {"body": " ", "client_id": client_id, "next": next_value}, follow=True
    )
    html = refused.content.decode()
    assert refused.status_code == 200 and "Write a message first." in html
    next_value = re.search(r'name="next" value="([^"]+)"', html).group(1)
    client_id = re.search(r'name="client_id" value="([^"]+)"', html).group(1)
    posted = client.post(
        url, {"body": "Now with words", "client_id": client_id, "next": next_value}, follow=True
    )
    assert posted.status_code == 200
    assert posted.redirect_chain[-1][0] == room_url(room) + "#m1"
    assert "Now with words" in posted.content.decode()
    assert Message.objects.get().body == "Now with words"


def test_older_messages_page_by_plain_links(client, world, settings):
    settings.DISCUSSIONS_PAGE_SIZE = 10
    _c, room, owner, _alice = world
    for i in range(1, 26):
        f.message(room, owner, f"Message number {i:02d}")
    html = client.get(room_url(room)).content.decode()
    assert (
        "Message number 25" in html
        and "Message number 16" in html
        and "Message number 15" not in html
    )
    assert "?before=16" in html
    older = client.get(room_url(room, before=16)).content.decode()
    assert (
        "Message number 15" in older
        and "Message number 06" in older
        and "Message number 16" not in older
    )
    assert "?before=6" in older and "Newest messages" in older
    # and forward again from an older page: a "newer" link to the next page
    newer_link = re.search(r'href="([^"]+)" rel="next">Newer messages', older).group(1)
    newer = client.get(newer_link.replace("&amp;", "&")).content.decode()
    assert "Message number 16" in newer and "Message number 25" in newer
    assert "Message number 15" not in newer and "Newer messages" not in newer
    oldest = client.get(room_url(room, before=6)).content.decode()
    assert "Message number 01" in oldest and "Older messages" not in oldest


def test_reply_edit_delete_react_without_javascript(client, world):
    c, room, owner, alice = world
    first = f.message(room, owner, "What do you use for formative assessment?")
    client.force_login(alice)
    html = client.get(room_url(room, reply_to=first.pk)).content.decode()
    assert "Replying to Olga Owner" in html
    client.post(
        reverse("discussions:room_post", args=[room.pk]),
        {"body": "Exit tickets!", "client_id": "form-r1", "reply_to": first.pk},
    )
    reply = Message.objects.get(body="Exit tickets!")
    assert reply.reply_to_id == first.pk
    assert Notification.objects.filter(recipient=owner, kind="reply").exists()
    # edit
    response = client.post(
        reverse("discussions:message_edit", args=[reply.pk]), {"body": "Exit tickets, daily!"}
    )
    assert response.status_code == 302
    html = client.get(room_url(room)).content.decode()
    assert "Exit tickets, daily!" in html and "(edited" in html
    # every reader of the room sees the earlier versions, linked from "(edited)"
    history_url = reverse("discussions:message_history", args=[reply.pk])
    assert f'href="{history_url}"' in html
    client.force_login(owner)
    history = client.get(history_url)
    assert history.status_code == 200
    assert "Exit tickets!" in history.content.decode()
    client.logout()
    assert client.get(history_url).status_code == 200  # the room is public
    client.force_login(alice)
    # someone else's message cannot be edited
    assert client.get(reverse("discussions:message_edit", args=[first.pk])).status_code == 404
    # react
    client.post(reverse("discussions:message_react", args=[first.pk]), {"emoji": "👍"})
    html = client.get(room_url(room)).content.decode()
    assert 'aria-pressed="true">👍 1' in html
    # delete
    client.post(reverse("discussions:message_delete", args=[reply.pk]))
    html = client.get(room_url(room)).content.decode()
    assert "Message removed" in html and "Exit tickets, daily!" not in html


def test_a_moderator_removes_someone_elses_message_from_its_moderation_page_with_a_reason(
    client, world
):
    from community.moderation.models import AuditLogEntry

    c, room, owner, alice = world
    message, _ = services.message_post(user=alice, room=room, body="Selling phones", client_id="x1")
    client.force_login(owner)
    html = client.get(room_url(room)).content.decode()
    moderate = reverse("moderation:message", args=[message.pk])
    delete = reverse("discussions:message_delete", args=[message.pk])
    assert f'href="{moderate}"' in html and f'action="{delete}"' not in html
    # the plain delete form, posted anyway, asks for a reason and removes nothing
    client.post(delete, follow=True)
    message.refresh_from_db()
    assert message.deleted_at is None
    assert not AuditLogEntry.objects.filter(target_id=message.pk, target_type="message").exists()
    page = client.get(moderate)
    assert page.status_code == 200 and "Selling phones" in page.content.decode()


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (3000, 1000), (10, 120, 200)).save(buffer, format="PNG")
    return buffer.getvalue()


def upload(name, data, content_type="application/octet-stream"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data, content_type=content_type)


def test_attachments_good_and_bad(client, world, settings):
    _c, room, _owner, alice = world
    client.force_login(alice)
    url = reverse("discussions:room_post", args=[room.pk])
    response = client.post(
        url,
        {
            "body": "Our lesson plan",
            "client_id": "form-att1",
            "attachments": [
                upload("plan.pdf", b"%PDF-1.4 test"),
                upload("board.png", png_bytes(), "image/png"),
            ],
        },
    )
    assert response.status_code == 302
    attachments = {a.kind: a for a in Attachment.objects.all()}
    assert attachments["document"].original_name == "plan.pdf"
    with Image.open(attachments["image"].file.path) as image:
        assert max(image.size) == settings.DISCUSSIONS_ATTACHMENT_IMAGE_MAX_SIDE
    html = client.get(room_url(room)).content.decode()
    assert "plan.pdf" in html and 'alt="board.png"' in html

    bad = [
        (upload("virus.exe", b"MZ..."), "cannot be attached"),
        (
            upload("fake.png", b"<svg xmlns='http://www.w3.org/2000/svg'></svg>", "image/png"),
            "not a readable image",
        ),
        (upload("drawing.svg", b"<svg></svg>", "image/svg+xml"), "cannot be attached"),
    ]
    settings.DISCUSSIONS_ATTACHMENT_DOCUMENT_MAX_BYTES = 10
    bad.append((upload("big.pdf", b"%PDF" + b"0" * 100), "larger than"))
    for n, (file, expected) in enumerate(bad):
        response = client.post(
            url, {"body": "bad", "client_id": f"form-bad{n}", "attachments": [file]}, follow=True
        )
        assert response.redirect_chain[-1][0] == room_url(room) + "#compose"
        assert expected in response.content.decode()
    assert Message.objects.count() == 1
    assert Attachment.objects.count() == 2


def test_a_photo_attachment_is_stored_upright_without_its_position(client, world):
    from tests.support.photos import assert_forgotten, located_photo

    _c, room, _owner, alice = world
    client.force_login(alice)
    response = client.post(
        reverse("discussions:room_post", args=[room.pk]),
        {
            "body": "Our school yard",
            "client_id": "form-photo",
            "attachments": [upload("yard.jpg", located_photo("JPEG"), "image/jpeg")],
        },
    )
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    with attachment.file.open("rb") as handle:
        data = handle.read()
    assert attachment.size == len(data) and attachment.content_type == "image/jpeg"
    assert_forgotten(data, fmt="JPEG", size=(200, 300))


def test_private_community_and_room_are_404_for_outsiders(client, world):
    owner = f.user()
    secret = f.community(name="Secret circle", visibility="private", owner=owner)
    room = f.room(secret)
    f.message(room, owner, "private words")
    outsider = f.user()
    for who in (None, outsider):
        if who:
            client.force_login(who)
        assert client.get(reverse("discussions:community", args=[secret.slug])).status_code == 404
        assert client.get(room_url(room)).status_code == 404
        assert "Secret circle" not in client.get(reverse("discussions:directory")).content.decode()
    response = client.post(
        reverse("discussions:room_post", args=[room.pk]), {"body": "hi", "client_id": "form-x"}
    )
    assert response.status_code == 404
    assert Message.objects.filter(room=room).count() == 1


def test_join_public_and_request_private_then_approve(client, world):
    c, _room, owner, _alice = world
    newcomer = f.user(username="newcomer")
    client.force_login(newcomer)
    client.post(reverse("discussions:community_join", args=[c.slug]))
    assert Membership.objects.get(community=c, user=newcomer).state == "active"

    region = f.a_region()
    mod = f.user(username="regionmod")
    private = f.community(name="Regional circle", visibility="private", owner=mod, region=region)
    local = f.user(username="local", region=region)
    client.force_login(local)
    page = client.get(reverse("discussions:community", args=[private.slug]))
    assert page.status_code == 200 and "Ask to join" in page.content.decode()
    assert "General" not in page.content.decode()  # no rooms shown before joining
    client.post(
        reverse("discussions:community_join", args=[private.slug]),
        {"message": "I teach in this region"},
    )
    pending = Membership.objects.get(community=private, user=local)
    assert pending.state == "pending"
    assert Notification.objects.filter(recipient=mod, kind="join_request").exists()
    # a member cannot decide
    client.force_login(newcomer)
    assert (
        client.post(
            reverse("discussions:request_decide", args=[pending.pk]), {"decision": "approve"}
        ).status_code
        == 404
    )
    client.force_login(mod)
    members = client.get(
        reverse("discussions:community_members", args=[private.slug])
    ).content.decode()
    assert "I teach in this region" in members
    client.post(reverse("discussions:request_decide", args=[pending.pk]), {"decision": "approve"})
    pending.refresh_from_db()
    assert pending.state == "active"
    assert Notification.objects.filter(recipient=local, kind="join_approved").exists()
    client.force_login(local)
    assert client.get(room_url(f.room(private))).status_code == 200


def test_invitation_accept(client, world):
    owner = f.user()
    private = f.community(name="Invite only", visibility="private", owner=owner)
    guest = f.user(username="guest")
    client.force_login(owner)
    client.post(reverse("discussions:community_invite", args=[private.slug]), {"who": "@guest"})
    invitation = Membership.objects.get(community=private, user=guest)
    assert invitation.state == "invited"
    client.force_login(guest)
    notifications = client.get(reverse("discussions:notifications")).content.decode()
    assert "Invitation to Invite only" in notifications
    client.post(reverse("discussions:invitation", args=[invitation.pk]), {"decision": "accept"})
    invitation.refresh_from_db()
    assert invitation.state == "active"


def test_leave(client, world):
    c, _room, _owner, alice = world
    client.force_login(alice)
    client.post(reverse("discussions:community_leave", args=[c.slug]))
    assert not Membership.objects.filter(community=c, user=alice).exists()


def test_create_and_edit_community(client):
    teacher = f.user()
    unverified = f.user(verified=False)
    client.force_login(unverified)
    assert client.get(reverse("discussions:community_create")).status_code == 403
    client.force_login(teacher)
    response = client.post(
        reverse("discussions:community_create"),
        {
            "name": "ICT in the classroom",
            "description": "Tools that **work** offline",
            "topic": "ict",
            "visibility": "public",
        },
    )
    assert response.status_code == 302
    community = teacher.memberships.get().community
    assert community.slug == "ict-in-the-classroom"
    assert "<strong>work</strong>" in community.description_html
    assert community.rooms.count() == 1
    buffer = io.BytesIO()
    Image.new("RGB", (2000, 900), (1, 2, 3)).save(buffer, format="JPEG")
    response = client.post(
        reverse("discussions:community_edit", args=[community.slug]),
        {
            "name": "ICT in the classroom",
            "description": "x",
            "topic": "ict",
            "visibility": "public",
            "cover": upload("cover.jpg", buffer.getvalue(), "image/jpeg"),
        },
    )
    assert response.status_code == 302
    community.refresh_from_db()
    with Image.open(community.cover_image.path) as image:
        assert image.size == (1200, 400)
    response = client.post(
        reverse("discussions:community_edit", args=[community.slug]),
        {
            "name": "x",
            "topic": "ict",
            "visibility": "public",
            "cover": upload("evil.svg", b"<svg/>", "image/svg+xml"),
        },
    )
    assert response.status_code == 200 and "JPEG, PNG or WebP" in response.content.decode()
    other = f.user()
    client.force_login(other)
    assert (
        client.get(reverse("discussions:community_edit", args=[community.slug])).status_code == 403
    )


def test_notifications_mark_read_and_badge(client, world):
    _c, room, owner, alice = world
    from community.discussions.services import notification_create

    for i in range(3):
        notification_create(
            recipient=alice, kind="mention", title=f"Note {i}", url=room_url(room), actor=owner
        )
    client.force_login(alice)
    html = client.get(reverse("discussions:notifications")).content.decode()
    assert 'id="notification-count"' in html and 'data-count="3"' in html
    first = Notification.objects.filter(recipient=alice).first()
    client.post(reverse("discussions:notification_read", args=[first.pk]))
    assert Notification.objects.filter(recipient=alice, read_at__isnull=True).count() == 2
    client.post(reverse("discussions:notifications_read_all"))
    assert not Notification.objects.filter(recipient=alice, read_at__isnull=True).exists()
    other = f.user()
    mine = Notification.objects.create(recipient=other, kind="x", title="not yours")
    assert client.post(reverse("discussions:notification_read", args=[mine.pk])).status_code == 404


def test_directory_filters_and_search(client):
    f.community(name="Inclusive practice", topic="inclusive")
    f.community(name="Robotics club", topic="ict")
    html = client.get(reverse("discussions:directory") + "?topic=inclusive").content.decode()
    assert "Inclusive practice" in html and "Robotics club" not in html
    html = client.get(reverse("discussions:directory") + "?q=robotics").content.decode()
    assert "Robotics club" in html and "Inclusive practice" not in html


def test_earlier_versions_are_for_the_rooms_readers_only(client, world):
    from community.discussions.services import message_edit

    owner = f.user(username="keeper", name="Kamala Keeper")
    private = f.community(name="Quiet circle", owner=owner, visibility="private")
    member = f.user(username="insider", name="Ilham Insider")
    f.member(private, member)
    outsider = f.user(username="outsider", name="Orkhan Outsider")
    message = f.message(f.room(private), member, "First words")
    message_edit(user=member, message_id=message.pk, body="Second words")
    url = reverse("discussions:message_history", args=[message.pk])
    client.force_login(owner)
    page = client.get(url).content.decode()
    assert "First words" in page and "Second words" in page
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 404
    # hidden by a moderator: the author still sees the versions, the other readers do not
    Message.objects.filter(pk=message.pk).update(hidden_at=message.created_at)
    client.force_login(owner)
    page = client.get(url).content.decode()
    assert "First words" not in page and "Removed by a moderator" in page
    client.force_login(member)
    assert "First words" in client.get(url).content.decode()
    assert client.get(reverse("discussions:message_history", args=[99999])).status_code == 404
