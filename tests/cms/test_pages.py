"""Each page type renders with realistic content and can only be created where it makes sense."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from cms.models import (
    EventIndexPage,
    EventPage,
    HomePage,
    NewsIndexPage,
    NewsPage,
    ResourceIndexPage,
    ResourcePage,
    StandardPage,
)

from . import factories


class PagePlacementTests(WagtailPageTestCase):
    def test_home_sits_at_the_root_and_holds_the_sections(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertAllowedSubpageTypes(
            HomePage, {ResourceIndexPage, EventIndexPage, NewsIndexPage, StandardPage}
        )

    def test_detail_pages_only_under_their_index(self):
        self.assertAllowedParentPageTypes(ResourcePage, {ResourceIndexPage})
        self.assertAllowedParentPageTypes(EventPage, {EventIndexPage})
        self.assertAllowedParentPageTypes(NewsPage, {NewsIndexPage})
        self.assertCanNotCreateAt(HomePage, ResourcePage)
        self.assertCanNotCreateAt(EventIndexPage, ResourcePage)
        self.assertCanNotCreateAt(ResourceIndexPage, EventPage)
        self.assertAllowedSubpageTypes(ResourcePage, set())
        self.assertAllowedSubpageTypes(EventPage, set())

    def test_indexes_only_under_home(self):
        self.assertAllowedParentPageTypes(ResourceIndexPage, {HomePage})
        self.assertCanCreateAt(HomePage, EventIndexPage)
        self.assertCanNotCreateAt(StandardPage, NewsIndexPage)


class PageRenderingTests(WagtailPageTestCase):
    def setUp(self):
        self.tree = factories.site_tree()

    def test_home_shows_what_the_platform_is_featured_resources_and_upcoming_events(self):
        guide = factories.resource(self.tree["resources"], "Inclusive teaching practice")
        factories.event(self.tree["events"], "Leadership workshop", days=5)
        factories.event(self.tree["events"], "Old conference", days=-40)
        home = self.tree["home"]
        home.featured_resources.create(resource=guide)
        home.save_revision().publish()
        response = self.client.get("/en/")
        self.assertEqual(response.status_code, 200)
        self.assertTemplateUsed(response, "cms/home_page.html")
        self.assertTemplateUsed(response, "base.html")
        self.assertContains(response, "Inclusive teaching practice")
        self.assertContains(response, "Leadership workshop")
        self.assertNotContains(response, "Old conference")
        self.assertContains(response, 'class="skip-link"')

    def test_resource_page_renders_its_body_blocks_and_facts(self):
        topic = factories.topic("ICT in education")
        page = factories.resource(
            self.tree["resources"],
            "Tablets in a multi-grade class",
            topics=[topic],
            estimated_minutes=30,
            body=[
                ("heading", "Before the lesson"),
                ("paragraph", "<p>Charge the <b>tablet</b>.</p>"),
                ("steps", {"title": "Steps", "steps": [{"title": "Group the pupils", "text": ""}]}),
                ("quote", {"text": "It worked.", "attribution": "A teacher"}),
                ("callout", {"kind": "tip", "title": "Tip", "text": "<p>Start small.</p>"}),
                ("video", "https://youtu.be/dQw4w9WgXcQ"),
            ],
        )
        self.assertPageIsRenderable(page)
        response = self.client.get(page.url)
        self.assertContains(response, "Tablets in a multi-grade class")
        self.assertContains(response, "ICT in education")
        self.assertContains(response, "30 minutes")
        self.assertContains(response, "<strong>tablet</strong>", html=False)
        self.assertContains(response, "Group the pupils")
        self.assertContains(response, "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ")

    def test_event_news_and_standard_pages_render(self):
        event = factories.event(self.tree["events"], "Policy symposium", time_zone="Asia/Baku")
        event.sessions.create(starts_at="10:00", title="Opening", speakers="Panel")
        event.save()
        item = factories.news_item(self.tree["news"], "Registration opens")
        about = factories.standard(self.tree["home"], "About us", intro="Who we are")
        for page, text in ((event, "Opening"), (item, "Registration opens"), (about, "Who we are")):
            self.assertPageIsRenderable(page)
            self.assertContains(self.client.get(page.url), text)
        response = self.client.get(event.url)
        self.assertContains(response, "Asia/Baku")
        self.assertContains(response, "Sign in to register")

    def test_index_pages_render(self):
        factories.resource(self.tree["resources"], "A guide")
        factories.news_item(self.tree["news"], "A news item")
        factories.event(self.tree["events"], "An event")
        for key, text in (
            ("resources", "A guide"),
            ("news", "A news item"),
            ("events", "An event"),
        ):
            response = self.client.get(self.tree[key].url)
            self.assertEqual(response.status_code, 200)
            self.assertContains(response, text)

    def test_navigation_marks_the_current_section(self):
        response = self.client.get(self.tree["resources"].url)
        self.assertContains(
            response, f'<a href="{self.tree["resources"].url}" aria-current="page">', html=False
        )


def test_event_times_are_shown_in_the_event_time_zone(client, tree):
    from datetime import UTC, datetime

    event = factories.event(
        tree["events"],
        "Baku workshop",
        start=datetime(2030, 3, 4, 6, 0, tzinfo=UTC),
        time_zone="Asia/Baku",
    )
    html = client.get(event.url).content.decode()
    assert "4 March 2030, 10:00" in html  # 06:00 UTC is 10:00 in Baku
    assert "4 March 2030, 10:00" in client.get(tree["events"].url).content.decode()
