"""Room, community, directory and notification pages run a bounded number of queries as rows grow."""

import pytest
from django.urls import reverse

from community.discussions.models import Reaction
from community.discussions.services import notification_create

from . import discussions_factories as f
from .discussions_factories import discussions_defaults  # noqa: F401

pytestmark = pytest.mark.django_db


def grow(c, room, owner, n):
    for i in range(n):
        author = f.user()
        f.member(c, author)
        message = f.message(room, author, f"message {i}")
        Reaction.objects.create(message=message, user=owner, emoji="👍")
        if i % 3 == 0:
            f.message(room, owner, f"reply {i}", reply_to=message)


@pytest.mark.parametrize("n", [3, 40])
def test_room_page_is_bounded(client, django_assert_max_num_queries, n):
    owner = f.user()
    c = f.community(owner=owner, rooms=("General", "Questions", "Resources"))
    room = f.room(c)
    grow(c, room, owner, n)
    client.force_login(owner)
    url = reverse("discussions:room", args=[room.pk])
    client.get(url)
    with django_assert_max_num_queries(30):
        response = client.get(url)
    assert response.status_code == 200
    with django_assert_max_num_queries(30):
        client.get(url + "?before=5")


@pytest.mark.parametrize("n", [3, 40])
def test_community_page_is_bounded(client, django_assert_max_num_queries, n):
    owner = f.user()
    c = f.community(owner=owner, rooms=("General", "Questions", "Resources"))
    grow(c, f.room(c), owner, n)
    client.force_login(owner)
    url = reverse("discussions:community", args=[c.slug])
    with django_assert_max_num_queries(25):
        response = client.get(url)
    assert response.status_code == 200
    with django_assert_max_num_queries(25):
        client.get(reverse("discussions:community_members", args=[c.slug]))


@pytest.mark.parametrize("n", [2, 30])
def test_directory_and_notifications_are_bounded(client, django_assert_max_num_queries, n):
    viewer = f.user()
    for i in range(n):
        c = f.community(owner=f.user())
        f.member(c, viewer)
        notification_create(recipient=viewer, kind="mention", title=f"n{i}")
    client.force_login(viewer)
    with django_assert_max_num_queries(20):
        assert client.get(reverse("discussions:directory")).status_code == 200
    with django_assert_max_num_queries(20):
        assert client.get(reverse("discussions:directory") + "?q=Community").status_code == 200
    with django_assert_max_num_queries(15):
        assert client.get(reverse("discussions:notifications")).status_code == 200
