"""Access that ends while a socket is open ends for the socket too, at once.

Each path of the security review: a community turned private, an ambassador's region taken
away, an account deleted, a sign-out in another tab, a changed password; and the socket
closed for abuse, which stops at once and still cleans up. Over real sockets through the
whole ASGI stack (session cookie, origin check, consumer, room hub).
"""

import asyncio

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from community.realtime.hub import hub_for
from tests.community.ws_support import (
    db,
    expect,
    make_room,
    make_user,
    nothing_more,
    open_socket,
    post,
    posted,
    subscribe,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


async def closed_with(communicator, timeout=3):
    """The close code the server sent, skipping any frames before it."""
    while True:
        output = await communicator.receive_output(timeout=timeout)
        if output["type"] == "websocket.close":
            return output.get("code")


async def lost_the_room(communicator, room_id):
    error = await expect(communicator, "error")
    assert error["code"] == "forbidden" and error["ref"] == room_id, error


def _owner_of(room):
    from community.discussions.models import Membership

    owner = make_user("Owner")
    Membership.objects.create(
        community=room.community, user=owner, role="owner", state="active", joined_at=timezone.now()
    )
    return owner


async def test_a_community_turned_private_stops_streaming_to_an_anonymous_socket():
    from community.discussions.services import community_update

    member = await db(make_user)("Aysel")
    room = await db(make_room)(members=[member])
    owner = await db(_owner_of)(room)
    visitor, aysel = await open_socket(), await open_socket(member)
    await subscribe(visitor, room.pk)
    await subscribe(aysel, room.pk)

    await db(community_update)(user=owner, community=room.community, visibility="private")
    await lost_the_room(visitor, room.pk)

    await post(aysel, room.pk, "members only from now on", "priv-1")
    await posted(aysel)  # the member still reads the room
    assert await nothing_more(visitor)
    await visitor.disconnect()
    await aysel.disconnect()


async def test_an_unassigned_ambassador_stops_receiving_the_regions_private_room():
    from community.models import Ambassadorship, Country, Region
    from community.moderation.services import ambassador_unassign_region

    def world():
        country, _ = Country.objects.get_or_create(code="AZ", defaults={"name": "Azerbaijan"})
        region, _ = Region.objects.get_or_create(country=country, name="Shaki")
        staff = get_user_model().objects.create(username="staff", email="s@example.org", is_staff=True, is_superuser=True)
        ambassador, member = make_user("Rashad"), make_user("Aysel")
        Ambassadorship.objects.create(user=ambassador, region=region)
        room = make_room(visibility="private", members=[member])
        room.community.region = region
        room.community.save()
        return staff, ambassador, member, room, region

    staff, ambassador, member, room, region = await db(world)()
    rashad, aysel = await open_socket(ambassador), await open_socket(member)
    await subscribe(rashad, room.pk)  # an ambassador reads the region's private rooms
    await subscribe(aysel, room.pk)

    await db(ambassador_unassign_region)(actor=staff, user_id=ambassador.pk, region_id=region.pk)
    await lost_the_room(rashad, room.pk)

    await post(aysel, room.pk, "not for a former ambassador", "amb-1")
    await posted(aysel)
    assert await nothing_more(rashad)
    await rashad.disconnect()
    await aysel.disconnect()


async def test_a_deleted_account_loses_its_open_sockets():
    from community.services import account_delete

    def person():
        user = make_user("Leaving")
        user.set_password("a long enough password")
        user.save()
        return user

    leaving, member = await db(person)(), await db(make_user)("Aysel")
    room = await db(make_room)(members=[leaving, member])
    first, second = await open_socket(leaving), await open_socket(leaving)
    await subscribe(first, room.pk)
    await subscribe(second, room.pk)

    await db(account_delete)(user=leaving, password="a long enough password")
    assert await closed_with(first) == 4401
    assert await closed_with(second) == 4401


async def test_signing_out_ends_that_sessions_sockets_and_no_others():
    def sessions():
        user = make_user("Aysel")
        browser, phone = Client(), Client()
        browser.force_login(user)
        phone.force_login(user)
        return user, browser, browser.session.session_key, phone.session.session_key

    user, browser, browser_key, phone_key = await db(sessions)()
    room = await db(make_room)(members=[user])
    tab, other_tab = await open_socket(session=browser_key), await open_socket(session=browser_key)
    phone = await open_socket(session=phone_key)
    for socket in (tab, other_tab, phone):
        await subscribe(socket, room.pk)

    await db(browser.post)("/en/accounts/logout/")
    assert await closed_with(tab) == 4401
    assert await closed_with(other_tab) == 4401
    # the phone's session was not signed out: it keeps the room
    await post(phone, room.pk, "still here on the phone", "out-1")
    await posted(phone)
    await phone.disconnect()


async def test_a_changed_password_ends_the_other_sessions_sockets():
    def sessions():
        user = make_user("Aysel")
        user.set_password("the old password 2026")
        user.save()
        stolen = Client()
        stolen.force_login(user)
        return user, stolen.session.session_key

    user, stolen_key = await db(sessions)()
    room = await db(make_room)(members=[user])
    stolen = await open_socket(session=stolen_key)
    await subscribe(stolen, room.pk)

    def change_password():
        account = get_user_model().objects.get(pk=user.pk)
        account.set_password("a brand new password 2026")
        account.save()

    await db(change_password)()
    assert await closed_with(stolen) == 4401


async def test_a_socket_closed_for_abuse_stops_at_once_and_still_cleans_up(settings):
    from channels.layers import get_channel_layer

    from community.realtime import presence

    settings.DISCUSSIONS_BAD_FRAMES_BEFORE_CLOSE = 3
    member = await db(make_user)("Aysel")
    room = await db(make_room)(members=[member])
    socket = await open_socket(member)
    await subscribe(socket, room.pk)
    hub = hub_for(get_channel_layer())
    assert hub.member_count(room.pk) == 1
    for _ in range(8):  # more bad frames than needed, all queued before the server reacts
        await socket.send_to(text_data="{not json")
    assert await closed_with(socket) == 4008
    # nothing is processed or sent after the close: the queued frames are dropped
    assert await socket.receive_nothing(timeout=0.5)
    await socket.send_input({"type": "websocket.disconnect", "code": 4008})
    await socket.wait(timeout=3)  # the consumer ends without an error
    assert hub.member_count(room.pk) == 0
    # presence is left in the background after the close
    for _ in range(100):
        online = await presence.presence_online(room.community_id)
        if not online:
            break
        await asyncio.sleep(0.05)
    assert [person["id"] for person in online] == []


async def test_staff_rights_taken_away_end_the_private_rooms_they_read():
    def world():
        staff = make_user("Staff")
        staff.is_staff = True
        staff.save()
        return staff, make_room(visibility="private")

    staff, room = await db(world)()
    socket = await open_socket(staff)
    await subscribe(socket, room.pk)

    def demote():
        account = get_user_model().objects.get(pk=staff.pk)
        account.is_staff = False
        account.save()

    await db(demote)()
    await lost_the_room(socket, room.pk)
    await socket.disconnect()


async def test_a_socket_hears_its_users_events_from_the_moment_it_opens():
    """The user's group is joined before the socket opens: an account deleted, or a frame sent,
    right after the handshake (before any subscribe) still reaches it."""
    from community import realtime
    from community.services import account_delete

    def person():
        user = make_user("Quick")
        user.set_password("a long enough password")
        user.save()
        return user

    quick = await db(person)()
    socket = await open_socket(quick)

    def tell():
        realtime.send_user_frame(quick.pk, {"type": "moderated", "detail": "at once"})

    await db(tell)()
    frame = await expect(socket, "moderated")
    assert frame["detail"] == "at once"

    again = await open_socket(quick)
    await db(account_delete)(user=quick, password="a long enough password")
    assert await closed_with(again) == 4401
    assert await closed_with(socket) == 4401
