"""The app survives the link: it installs, pages read once are readable offline with a notice,
a message written offline survives a browser restart and arrives once, sign-out leaves nothing."""

import re

from playwright.sync_api import expect

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, axe_violations, login
from tests.browser.test_room_live import AYSEL, _room_for

WORKER_READY = "async () => { await navigator.serviceWorker.ready; return true; }"
CONTROLLED = "() => navigator.serviceWorker.controller !== null"
CACHED_URLS = """async () => {
  const out = [];
  for (const name of await caches.keys()) {
    for (const req of await (await caches.open(name)).keys()) out.push(name + " " + new URL(req.url).pathname);
  }
  return out;
}"""


def _install(page, url):
    """Open `url` once the worker controls the tab, so its copy is kept."""
    page.goto(url)
    assert page.evaluate(WORKER_READY)
    page.wait_for_function(CONTROLLED, timeout=15_000)
    page.goto(url)


def _kept(page, path):
    page.wait_for_function(
        f"""async () => {{
          for (const name of await caches.keys()) if (name.startsWith("pages-") &&
            await (await caches.open(name)).match(location.origin + {path!r})) return true;
          return false; }}""",
        timeout=15_000,
    )


def _guide():
    from cms.models import ResourceDocument

    return ResourceDocument.objects.select_related("page").first().page.specific


def test_the_site_installs_and_rooms_and_resources_read_once_stay_readable_offline(
    browser, site_url, orm
):
    room = _room_for(AYSEL)
    from community.discussions.models import Message
    from community.models import User

    Message.objects.create(
        room=room,
        seq=1,
        author=User.objects.get(email=AYSEL),
        body="Bring the seating plans",
        body_html="<p>Bring the seating plans</p>",
        client_id="offline-read-1",
    )
    room.last_seq = 1
    room.save(update_fields=["last_seq"])
    resource = _guide()
    room_url = f"/en/rooms/{room.pk}/"
    context = browser.new_context(base_url=site_url)
    try:
        page = context.new_page()
        login(page, AYSEL)
        # the manifest the page links is valid and names the app
        manifest = page.evaluate(
            "async () => (await fetch(document.querySelector('link[rel=manifest]').href)).json()"
        )
        lang = page.evaluate("document.documentElement.lang")
        assert manifest["start_url"] == f"/{lang}/" and manifest["display"] == "standalone"
        _install(page, room_url)
        _kept(page, room_url)
        page.goto(resource.url)
        _kept(page, resource.url)

        context.set_offline(True)
        page.goto(room_url)
        expect(page.locator("#room-messages")).to_contain_text("Bring the seating plans")
        notice = page.locator("#offline-notice")
        expect(notice).to_be_visible()
        expect(notice).to_have_text(re.compile(r"^Offline copy from .*\d"))
        expect(notice).to_have_attribute("role", "status")
        page.goto(resource.url)
        expect(page.locator("h1")).to_have_text(resource.title)
        expect(page.locator("#offline-notice")).to_contain_text("Offline copy from")
        # a page never opened: the offline page, not the browser's error page
        page.goto("/en/teachers/")
        expect(page.locator("h1")).to_have_text("Offline reading")
        expect(page.locator(".offline-only")).to_be_visible()
    finally:
        context.close()


def test_a_document_kept_for_offline_opens_without_the_link_and_can_be_removed(
    browser, site_url, orm
):
    resource = _guide()
    context = browser.new_context(base_url=site_url)
    try:
        page = context.new_page()
        login(page, AYSEL)
        _install(page, resource.url)
        keep = page.get_by_role("button", name="Keep for offline")
        expect(keep).to_have_count(1)
        keep.click()
        expect(page.get_by_role("button", name="Remove offline copy")).to_have_attribute(
            "aria-pressed", "true"
        )
        assert axe_violations(page) == []
        href = page.locator("[data-offline-docs] a[href^='/documents/']").first.get_attribute(
            "href"
        )
        context.set_offline(True)
        body = page.evaluate(f"async () => (await fetch({href!r})).status")
        assert body == 200
        context.set_offline(False)
        page.goto("/en/offline/")
        kept = page.locator("#kept-documents li")
        expect(kept).to_have_count(1)
        assert axe_violations(page) == []
        page.get_by_role("button", name=re.compile("^Remove offline copy")).click()
        expect(kept).to_have_count(0)
        expect(page.locator("#kept-documents")).to_contain_text("No documents are kept")
    finally:
        context.close()


def test_a_message_written_offline_survives_a_browser_restart_and_arrives_once(
    browser, site_url, orm, tmp_path
):
    from community.discussions.models import Message

    room = _room_for(AYSEL)
    url = f"/en/rooms/{room.pk}/"
    text = "Written on the bus with no signal"

    def launch():
        return browser.browser_type.launch_persistent_context(
            str(tmp_path / "profile"),
            executable_path=CHROMIUM,
            args=CHROMIUM_ARGS,
            base_url=site_url,
        )

    context = launch()
    try:
        page = context.pages[0] if context.pages else context.new_page()
        login(page, AYSEL)
        page.goto(url)
        expect(page.locator("#room-status")).to_have_attribute("data-state", "live", timeout=20_000)
        context.set_offline(True)
        expect(page.locator("#room-status")).to_have_attribute("data-state", "offline")
        page.fill("#compose textarea", text)
        page.click("#compose button[type=submit]")
        expect(page.locator("#room-messages li.is-pending", has_text=text)).to_have_count(1)
        expect(page.locator("#room-status")).to_contain_text("1")  # "1 message waiting"
        page.wait_for_function(
            """async () => { const dbs = await indexedDB.databases();
                 return dbs.some((d) => d.name.startsWith("tc-outbox-")); }"""
        )
    finally:
        context.close()
    assert not Message.objects.filter(room=room, body=text).exists()

    context = launch()  # the browser again, online: the outbox is still there and is sent
    try:
        page = context.pages[0] if context.pages else context.new_page()
        page.goto(url)
        if "/accounts/login/" in page.url:
            login(page, AYSEL)
            page.goto(url)
        sent = page.locator("#room-messages li.dc-message:not(.is-pending)", has_text=text)
        expect(sent).to_have_count(1, timeout=20_000)
        expect(page.locator("#room-messages li.is-pending")).to_have_count(0)
        page.reload()
        expect(page.locator("#room-status")).to_have_attribute("data-state", "live", timeout=20_000)
        expect(page.locator("#room-messages li", has_text=text)).to_have_count(1)
    finally:
        context.close()
    assert Message.objects.filter(room=room, body=text).count() == 1


def test_after_sign_out_the_offline_cache_holds_nothing_of_the_account(browser, site_url, orm):
    room = _room_for(AYSEL)
    url = f"/en/rooms/{room.pk}/"
    context = browser.new_context(base_url=site_url)
    try:
        page = context.new_page()
        login(page, AYSEL)
        _install(page, url)
        _kept(page, url)
        key = page.evaluate("document.documentElement.dataset.offlineKey")
        assert any(entry.startswith(f"pages-{key} {url}") for entry in page.evaluate(CACHED_URLS))
        with page.expect_navigation(url=lambda u: "/rooms/" not in u):
            page.locator("nav[aria-label] form.logout-form button").first.click()
        expect(page.locator("form.logout-form")).to_have_count(0)  # signed out
        page.goto("/en/offline/")  # the visitor's pages may be kept again, but none of hers
        entries = page.evaluate(CACHED_URLS)
        assert not [e for e in entries if key in e or url in e], entries
        names = page.evaluate("async () => (await indexedDB.databases()).map((d) => d.name)")
        assert f"tc-outbox-{key}" not in names
        texts = page.evaluate(
            """async () => { const out = [];
                for (const name of await caches.keys()) for (const req of await (await caches.open(name)).keys()) {
                  const res = await (await caches.open(name)).match(req);
                  if ((res.headers.get("Content-Type") || "").startsWith("text/html")) out.push(await res.text()); }
                return out; }"""
        )
        assert not [t for t in texts if "Aysel" in t]
    finally:
        context.close()
