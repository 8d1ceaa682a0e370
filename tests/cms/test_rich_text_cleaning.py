"""Every CMS rich text passes the project's one cleaner when shown, whatever stored it.

Raw HTML can reach the database without the editor (an import, the API, a
migration); a reader must never get its scripts, handlers or javascript: links,
while Wagtail's own links, images and embeds still render.
"""

import json

import pytest
from django.core.files.base import ContentFile
from wagtail.documents.models import Document
from wagtail.embeds.models import Embed
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from . import factories

HOSTILE = (
    '<p>Kept words<script>alert("s")</script>'
    '<img src="x" onerror="alert(1)">'
    '<a href="javascript:alert(2)">bad link</a>'
    '<span onmouseover="alert(3)">hover</span></p>'
)


def assert_cleaned(html):
    assert "Kept words" in html
    assert '<script>alert("s")' not in html  # the element is gone (its text is harmless)
    assert '<img src="x"' not in html
    assert "onerror" not in html and "onmouseover" not in html
    assert "javascript:" not in html
    assert "bad link" in html  # the text stays, the link does not


@pytest.mark.parametrize("index", ["resources", "events", "news"])
def test_index_page_intro_is_cleaned(client, tree, index):
    page = tree[index].specific
    page.intro = HOSTILE
    page.save_revision().publish()
    response = client.get(page.url)
    assert response.status_code == 200
    assert_cleaned(response.content.decode())


def test_home_intro_is_cleaned(client, tree):
    home = tree["home"]
    home.intro = HOSTILE
    home.save_revision().publish()
    assert_cleaned(client.get("/en/").content.decode())


@pytest.mark.parametrize(
    "block",
    [
        {"type": "paragraph", "value": HOSTILE},
        {"type": "callout", "value": {"kind": "tip", "title": "Note", "text": HOSTILE}},
        {
            "type": "steps",
            "value": {"title": "How", "steps": [{"title": "First step", "text": HOSTILE}]},
        },
    ],
    ids=["paragraph", "callout", "steps"],
)
def test_stored_stream_rich_text_is_cleaned(client, tree, block):
    page = factories.resource(tree["resources"], "Hostile import")
    page.body = json.dumps([block])
    page.save_revision().publish()
    response = client.get(page.url)
    assert response.status_code == 200
    assert_cleaned(response.content.decode())


def test_wagtail_links_images_and_embeds_still_render(client, tree, monkeypatch):
    guide = factories.resource(tree["resources"], "Linked guide")
    document = Document(title="Worksheet")
    document.file.save("worksheet.txt", ContentFile(b"sheet"), save=False)
    document.save()
    image = get_image_model().objects.create(title="Map", file=get_test_image_file())
    video = "https://www.youtube.com/watch?v=abcdefgh"
    Embed.objects.create(
        url=video,
        max_width=None,
        hash=__import__("wagtail.embeds.embeds", fromlist=["x"]).get_embed_hash(video),
        type="video",
        html='<iframe src="https://www.youtube-nocookie.com/embed/abcdefgh" title="Clip"></iframe>',
    )
    rich = (
        f'<p>See <a linktype="page" id="{guide.pk}">the guide</a> and '
        f'<a linktype="document" id="{document.pk}">the worksheet</a>.</p>'
        f'<embed embedtype="image" id="{image.pk}" alt="A map of the region" format="fullwidth"/>'
        f'<embed embedtype="media" url="{video}"/>'
        '<embed src="javascript:alert(4)" type="text/html"/>'
    )
    page = factories.resource(tree["resources"], "Rich page")
    page.body = json.dumps(
        [
            {"type": "paragraph", "value": rich},
            {"type": "callout", "value": {"kind": "info", "title": "", "text": rich}},
        ]
    )
    page.save_revision().publish()
    home = tree["home"]
    home.intro = rich
    home.save_revision().publish()
    for url in (page.url, "/en/"):
        html = client.get(url).content.decode()
        assert f'href="{guide.url}"' in html
        assert f'href="{document.url}"' in html
        assert 'alt="A map of the region"' in html and "<img" in html
        assert "youtube-nocookie.com/embed/abcdefgh" in html
        assert "javascript:" not in html
