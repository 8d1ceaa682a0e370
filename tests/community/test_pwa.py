"""The installable app: manifest per language, the service worker, what may be kept offline,
sign-out clearing the device, the data saver, and the first visit's weight."""

import gzip
import json
import posixpath
import re

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse
from django.utils.translation import override

from cms.blocks import VideoEmbedBlock
from community.models import Profile
from community.pwa import offline_key
from tests.cms import factories as cms_f
from tests.community import discussions_factories as f
from tests.community.discussions_factories import discussions_defaults  # noqa: F401

pytestmark = pytest.mark.django_db


def room_url(room):
    with override("en"):
        return reverse("discussions:room", args=[room.pk])


@pytest.fixture
def world():
    owner = f.user(name="Owner Olga")
    teacher = f.user(name="Teacher Tural")
    public = f.community(name="Maths teachers", owner=owner)
    private = f.community(name="Staff room", visibility="private", owner=owner)
    f.member(public, teacher)
    return {
        "owner": owner,
        "teacher": teacher,
        "room": f.room(public),
        "private_room": f.room(private),
    }


@pytest.mark.parametrize("lang", ["en", "az", "ru"])
def test_the_manifest_is_valid_json_with_what_an_install_needs_in_each_language(client, lang):
    response = client.get(f"/{lang}/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/manifest+json")
    data = json.loads(response.content)
    for member in (
        "name",
        "short_name",
        "start_url",
        "scope",
        "display",
        "theme_color",
        "background_color",
        "icons",
    ):
        assert data[member], member
    assert data["start_url"] == f"/{lang}/"
    assert data["lang"] == lang
    assert data["display"] == "standalone"
    sizes = {(icon["sizes"], icon["purpose"]) for icon in data["icons"]}
    assert {
        ("192x192", "any"),
        ("512x512", "any"),
        ("192x192", "maskable"),
        ("512x512", "maskable"),
    } <= sizes
    for icon in data["icons"]:  # each icon is a real PNG this site serves
        name = icon["src"].removeprefix("/static/")
        path = finders.find(re.sub(r"\.[0-9a-f]{12}\.png$", ".png", name))
        assert path and open(path, "rb").read(8) == b"\x89PNG\r\n\x1a\n"


def test_pages_link_the_manifest_of_their_language_and_load_the_offline_script(client):
    html = client.get("/az/offline/").content.decode()
    assert '<link rel="manifest" href="/az/manifest.webmanifest">' in html
    assert 'data-sw-url="/sw.js"' in html


def test_the_service_worker_is_served_at_the_root_uncached_and_allowed_by_the_policy(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert "no-cache" in response["Cache-Control"]
    body = response.content.decode()
    assert "/en/offline/" in body and "/ru/offline/" in body and "css/site" in body
    assert "__VERSION__" not in body
    policy = client.get("/en/offline/")["Content-Security-Policy"]
    assert "worker-src 'self'" in policy and "manifest-src 'self'" in policy


def test_a_room_may_be_kept_offline_only_under_its_readers_own_key(client, world):
    client.force_login(world["teacher"])
    response = client.get(room_url(world["room"]))
    key = response["X-Offline-Key"]
    assert key == offline_key(world["teacher"]) and key not in ("", "public")
    assert f'data-offline-key="{key}"' in response.content.decode()
    assert key != offline_key(world["owner"])
    # another account's private room is refused, and nothing of it may be kept
    refused = client.get(room_url(world["private_room"]))
    assert refused.status_code in (403, 404) and "X-Offline-Key" not in refused
    # sign-in, settings and the admin are never kept
    assert "X-Offline-Key" not in client.get(reverse("profile_edit"))
    client.logout()
    assert "X-Offline-Key" not in client.get("/en/accounts/login/")


def test_the_offline_page_shows_nobodys_name_so_it_can_be_kept_for_every_account(client, world):
    client.force_login(world["teacher"])
    shell = client.get("/en/offline/?shell=1").content.decode()  # the copy the worker keeps
    assert (
        "Teacher Tural" not in shell and "Sign in" in shell and 'data-offline-key="public"' in shell
    )
    mine = client.get("/en/offline/").content.decode()  # the page she opens: her kept documents
    assert "Teacher Tural" in mine and f'data-offline-key="{offline_key(world["teacher"])}"' in mine
    assert "Documents kept for offline reading" in mine
    assert "/en/offline/?shell=1" in client.get("/sw.js").content.decode()


def test_sign_out_tells_the_browser_to_clear_caches_and_storage(client, world):
    client.force_login(world["teacher"])
    response = client.post("/en/accounts/logout/")
    assert response.status_code == 302
    assert response["Clear-Site-Data"] == '"cache", "storage"'


def room_messages_shown(client, room):
    return len(
        re.findall(r'<li[^>]*data-message-id="\d+"', client.get(room_url(room)).content.decode())
    )


def test_the_data_saver_loads_20_messages_instead_of_50(client, world):
    room = world["room"]
    for n in range(60):
        f.message(room, world["owner"], body=f"Message {n}")
    client.force_login(world["teacher"])
    assert room_messages_shown(client, room) == 50
    Profile.objects.filter(user=world["teacher"]).update(data_saver=True)
    assert room_messages_shown(client, room) == 20
    Profile.objects.filter(user=world["teacher"]).update(data_saver=False)
    client.cookies["tc_saver"] = "1"  # set by the page's script on a slow connection
    assert room_messages_shown(client, room) == 20


def test_save_data_from_the_browser_turns_the_saver_on_and_pages_vary_on_it(client, world):
    for n in range(25):
        f.message(world["room"], world["owner"], body=f"Message {n}")
    response = client.get(room_url(world["room"]), headers={"Save-Data": "on"})
    assert len(re.findall(r'data-message-id="\d+"', response.content.decode())) >= 20
    assert 'data-saver="on"' in response.content.decode()
    assert "Save-Data" in response["Vary"]
    assert 'data-saver="on"' not in client.get(room_url(world["room"])).content.decode()


def test_the_data_saver_turns_a_video_into_a_link():
    block = VideoEmbedBlock()
    url = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    assert "<iframe" in block.render_basic(url, context={})
    light = block.render_basic(url, context={"DATA_SAVER": True})
    assert "<iframe" not in light and f'href="{url}"' in light


def test_the_data_saver_is_a_setting_on_the_profile_page(client, world):
    client.force_login(world["teacher"])
    html = client.get(reverse("profile_edit")).content.decode()
    assert 'name="data_saver"' in html and 'aria-describedby="data-saver-help"' in html


# --- the first visit's weight: HTML + CSS + JS + manifest + service worker, gzip-compressed ---

IMPORT = re.compile(r'^import\s[^;]*?from\s+"(\./[^"]+)";', re.M)
ASSET = re.compile(r'<(?:link[^>]+rel="stylesheet"[^>]+href|script[^>]+src)="(/static/[^"]+)"')


def gz(data):
    return len(gzip.compress(data, compresslevel=6))


def first_visit_bytes(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    html = response.content
    total = gz(html)
    assets = set(ASSET.findall(html.decode()))
    seen = set()
    while assets:
        asset = assets.pop()
        seen.add(asset)
        path = finders.find(asset.removeprefix("/static/"))
        assert path, asset
        data = open(path, "rb").read()
        total += gz(data)
        # an ES module's imports are fetched too
        for name in IMPORT.findall(data.decode()) if asset.endswith(".js") else ():
            imported = posixpath.normpath(posixpath.join(posixpath.dirname(asset), name))
            if imported not in seen:
                assets.add(imported)
    total += gz(client.get("/en/manifest.webmanifest").content)
    total += gz(client.get("/sw.js").content)
    return total


def test_the_first_visit_of_key_pages_stays_under_100_kb_compressed(client, world):
    tree = cms_f.site_tree()
    resource = cms_f.resource(tree["resources"], "Reading circles")
    for n in range(50):
        f.message(
            world["room"],
            world["owner"],
            body=f"A longer message number {n} about reading circles in grade 5",
        )
    client.force_login(world["teacher"])
    pages = ["/en/", room_url(world["room"]), tree["resources"].url, resource.url]
    for url in pages:
        size = first_visit_bytes(client, url)
        assert size < 100 * 1024, f"{url}: {size} bytes"
    # the room page really carries its script (the heaviest asset), so the sum is not trivially small
    assert "/static/js/room.js" in client.get(room_url(world["room"])).content.decode()
    room_alone = gz(open(finders.find("js/room.js"), "rb").read())
    assert first_visit_bytes(client, room_url(world["room"])) > first_visit_bytes(client, "/en/") + room_alone


def test_the_offline_texts_are_in_the_readers_language(client):
    az = client.get("/az/offline/").content.decode()
    assert "Oflayn oxu" in az and "tarixli oflayn nüsxə" in az
    ru = client.get("/ru/offline/").content.decode()
    assert "Чтение без связи" in ru and "Сохранённая копия от %(time)s" in ru


def test_the_data_saver_shows_a_cover_as_a_tap_to_load_link(client, world):
    from community.discussions.models import Community

    community = world["room"].community
    Community.objects.filter(pk=community.pk).update(cover_image="covers/communities/abc.png")
    community.refresh_from_db()
    with override("en"):
        url = reverse("discussions:community", args=[community.slug])
    client.force_login(world["teacher"])
    assert '<img class="dc-cover"' in client.get(url).content.decode()
    light = client.get(url, headers={"Save-Data": "on"}).content.decode()
    assert '<img class="dc-cover"' not in light
    assert (
        f'class="saver-image" href="{community.cover_url}" data-src="{community.cover_url}"'
        in light
    )
    assert "Show image" in light
