"""Every user-written field the site shows takes every vector of the XSS corpus, and no page,
frame, feed, notification or e-mail that shows it carries anything a browser would execute.

One world is built per module: each field gets all the vectors (long fields all at once, short
ones one row per vector), through the real services and forms; each showing place is rendered
once and parsed. A finding names the place and the vector number (every vector carries
``__xss(N)``/``alert(N)``/``msgbox(N)``), so one failing case tells what got through where.
"""

import datetime
import html
import json
import re
from html.parser import HTMLParser

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from community.discussions.services import communities as community_services
from community.discussions.services import messages as message_services
from community.discussions.services.direct import conversation_start
from community.discussions.services.messages import _frame
from community.services import profile_update
from projects import services as project_services
from tests.community import discussions_factories as df
from tests.projects import factories as pf
from tests.security.xss_vectors import BIDI_AND_INVISIBLE, VECTORS, all_in_one, fitting

DANGEROUS_SCHEME = re.compile(
    r"^(javascript:|vbscript:|data:text/html|data:text/javascript|data:image/svg)", re.I
)
URL_ATTRIBUTES = {
    "href",
    "src",
    "action",
    "formaction",
    "data",
    "xlink:href",
    "srcdoc",
    "background",
    "poster",
}
FOREIGN_TAGS = {"svg", "math", "iframe", "object", "embed", "base", "frame", "frameset", "applet"}
MARKER = re.compile(r"(?:__xss|alert|msgbox)\((\d+)\)")
NAME_LIMIT = 88  # every vector fits a 120-character name


def _vector_of(text):
    found = MARKER.search(text or "")
    return f"vector {found.group(1)}" if found else "no vector number"


def _unscheme(value):
    """The URL a browser would follow: the parser has decoded the entities once already."""
    return re.sub(r"[\x00-\x20\x7f-\x9f]+", "", value)


class _Finder(HTMLParser):
    """Collects what a browser would run: foreign script, handlers, dangerous URLs and elements."""

    def __init__(self, nonce):
        super().__init__(convert_charrefs=True)
        self.nonce = nonce
        self.findings = []
        self._script = None

    def handle_starttag(self, tag, attrs):
        attrs_d = {(k or "").lower(): v or "" for k, v in attrs}
        raw = self.get_starttag_text() or ""
        if tag == "script":
            self._script = (attrs_d.get("nonce", ""), raw, [])
        if tag in FOREIGN_TAGS or (
            tag == "meta" and "http-equiv" in attrs_d and MARKER.search(raw)
        ):
            self.findings.append(f"<{tag}> element ({_vector_of(raw)}): {raw[:120]}")
        for name, value in attrs_d.items():
            if name.startswith("on"):
                self.findings.append(f"{name} handler on <{tag}> ({_vector_of(raw)}): {raw[:120]}")
            elif name in URL_ATTRIBUTES and DANGEROUS_SCHEME.match(_unscheme(value)):
                self.findings.append(f"{name}={value[:60]!r} on <{tag}> ({_vector_of(raw)})")
            elif name == "style" and re.search(
                r"javascript:|expression\(|url\(", _unscheme(value), re.I
            ):
                self.findings.append(f"style on <{tag}> ({_vector_of(raw)}): {raw[:120]}")

    handle_startendtag = handle_starttag

    def handle_data(self, data):
        if self._script is not None:
            self._script[2].append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            nonce, raw, body = self._script
            text = "".join(body)
            if MARKER.search(text) or MARKER.search(raw) or (self.nonce and nonce != self.nonce):
                self.findings.append(
                    f"<script> from user content ({_vector_of(text + raw)}): {raw[:80]}{text[:80]}"
                )
            self._script = None


def executables(markup, nonce=None):
    """The executable things in a piece of HTML (an empty list when it is safe)."""
    if nonce is None:
        found = re.search(r'<script[^>]*\snonce="([^"]+)"', markup)
        nonce = found.group(1) if found else ""
    finder = _Finder(nonce)
    finder.feed(markup)
    finder.close()
    return finder.findings


def _bidi_leaks(markup):
    """Bidi controls or invisible characters in a page's text, outside an isolating <bdi>."""
    text = re.sub(r"<bdi[^>]*>.*?</bdi>", "", markup, flags=re.S)
    return sorted({f"U+{ord(c):04X}" for c in text if c in BIDI_AND_INVISIBLE})


# --- the world -----------------------------------------------------------------------------


class World:
    pages = {}  # place -> rendered text
    names = {}  # place -> rendered text where bidi/zero-width characters are checked


def _get(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, f"{url}: {response.status_code}"
    return response.content.decode()


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    from django.conf import settings

    with django_db_blocker.unblock(), transaction.atomic():
        old = (settings.POST_REVIEWERS, getattr(settings, "DISCUSSIONS_POSTS_PER_MINUTE", None))
        settings.POST_REVIEWERS = []
        settings.DISCUSSIONS_POSTS_PER_MINUTE = 100_000
        try:
            yield _build()
        finally:
            settings.POST_REVIEWERS, settings.DISCUSSIONS_POSTS_PER_MINUTE = old
            transaction.set_rollback(True)


def _build():
    w = World()
    w.pages, w.names = {}, {}
    everything = all_in_one()
    region = df.a_region()
    owner = df.user(name="Owner Orxan", region=region)
    reader = df.user(name="Reader Rena", region=region)
    client = Client()
    client.force_login(owner)
    reader_client = Client()
    reader_client.force_login(reader)
    mail.outbox = []

    # names: one teacher per vector, renamed through the profile service
    named = []
    for v in fitting(NAME_LIMIT):
        u = df.user(region=region)
        profile_update(
            actor=u,
            profile=u.profile,
            data={"display_name": v.text, "bio": everything},
            subjects=[],
            languages=[],
            school=u.profile.school,
        )
        named.append(u)

    # a community with every vector in its description, and one room per vector title
    community = community_services.community_create(
        user=owner, name="Vector circle", description=everything, region=region
    )
    df.member(community, reader)
    for u in named:
        df.member(community, u)
    rooms = [
        community_services.room_create(user=owner, community=community, title=v.text, topic=v.text)
        for v in fitting(120)
    ]
    for v in fitting(120):
        community_services.community_create(
            user=owner, name=v.text, description=v.text, region=region
        )
    room = community.rooms.order_by("position").first()

    # messages: the socket path (the service, and the frame it builds), the form path, an edit
    frames = []
    for i, v in enumerate(VECTORS):
        message, _new = message_services.message_post(
            user=owner, room=room, body=v.text, client_id=f"s{i}"
        )
        frames.append(json.dumps(_frame("message", message)))
    client.post(
        reverse("discussions:room_post", args=[room.pk]),
        {"body": everything, "client_id": "form-1"},
    )
    edited, _new = message_services.message_post(
        user=reader, room=room, body="to be edited", client_id="e1"
    )
    message_services.message_edit(user=reader, message_id=edited.pk, body=everything)
    for i, u in enumerate(named[:20]):
        message_services.message_post(
            user=u, room=room, body=f"@{owner.username} hello", client_id=f"n{i}"
        )
    # where names are shown beside plain words only (bodies and bios may carry bidi marks)
    names_community = community_services.community_create(
        user=owner, name="Names circle", region=region
    )
    names_room = community_services.room_create(
        user=owner, community=names_community, title="Names"
    )
    strange = [u for u, v in zip(named, fitting(NAME_LIMIT), strict=True) if v.family == "unicode"]
    for i, u in enumerate(strange):
        df.member(names_community, u)
        message_services.message_post(user=u, room=names_room, body="hello", client_id=f"nr{i}")
    names_dm, _m = conversation_start(
        user=strange[0], recipients=[reader], body="hello", client_id="dm-n"
    )
    w.pages["message frames (socket)"] = "\n".join(
        json.loads(f)["message"]["body_html"]
        + html.escape(json.loads(f)["message"].get("author_name", "") or "")
        for f in frames
    )

    # direct messages
    conversation, _m = conversation_start(
        user=owner, recipients=[reader], body=everything, client_id="dm-1"
    )

    # a project: title, summary, description, plan, journal, files, pages
    project, founder, partner = pf.two_school_project(title="Vector project")
    project_services.project_update(
        actor=founder, project=project, description=everything, summary=VECTORS[0].text
    )
    for v in fitting(200):
        project_services.milestone_create(
            actor=founder, project=project, title=v.text, due_date=pf.future(10)
        )
        project_services.task_create(actor=founder, project=project, title=v.text)
    project_services.journal_entry_create(
        actor=founder,
        project=project,
        title=VECTORS[3].text,
        body=everything,
        happened_on=timezone.localdate() - datetime.timedelta(days=1),
        on_showcase=True,
    )
    for v in fitting(150):
        project_services.file_upload(
            actor=founder,
            project=project,
            upload=SimpleUploadedFile(
                f"{v.text[:60]}.pdf".replace("/", "_"), b"%PDF-1.4 x", "application/pdf"
            ),
            title=v.text,
        )
    page = project_services.page_create(
        actor=founder, project=project, title=VECTORS[5].text, body=everything
    )
    pupil_class = project_services.pupil_class_create(actor=founder, project=project, name="5B")
    project_services.pupils_add(actor=founder, pupil_class=pupil_class, text="Aziz K 5")
    _pupils_write(w, project, founder, pupil_class)
    titled = [pf.project(founder, title=v.text, summary=v.text) for v in fitting(200)[:30]]
    fc = Client()
    fc.force_login(founder)

    # render every place that shows them
    w.pages["room page"] = _get(client, reverse("discussions:room", args=[room.pk]))
    w.pages["room page (reader)"] = _get(reader_client, reverse("discussions:room", args=[room.pk]))
    w.pages["message history"] = _get(
        reader_client, reverse("discussions:message_history", args=[edited.pk])
    )
    w.pages["community page"] = _get(
        client, reverse("discussions:community", args=[community.slug])
    )
    w.pages["community members"] = _get(
        client, reverse("discussions:community_members", args=[community.slug])
    )
    w.pages["community directory"] = _get(client, reverse("discussions:directory"))
    for r in rooms[:3]:
        w.pages[f"room {r.pk} (vector title)"] = _get(
            client, reverse("discussions:room", args=[r.pk])
        )
    w.pages["conversation"] = _get(
        reader_client, reverse("discussions:conversation", args=[conversation.room_id])
    )
    w.pages["inbox"] = _get(reader_client, reverse("discussions:inbox"))
    w.pages["notifications"] = _get(client, reverse("discussions:notifications"))
    w.pages["teacher directory"] = _get(client, reverse("teacher_directory"))
    for u in named[:: max(1, len(named) // 8)]:
        w.pages[f"profile of {u.pk}"] = _get(client, reverse("teacher_profile", args=[u.pk]))
    w.pages["project detail"] = _get(fc, reverse("projects:detail", args=[project.pk]))
    w.pages["project workspace"] = _get(fc, reverse("projects:workspace", args=[project.pk]))
    w.pages["project plan"] = _get(fc, reverse("projects:plan", args=[project.pk]))
    w.pages["project journal"] = _get(fc, reverse("projects:journal", args=[project.pk]))
    w.pages["project files"] = _get(fc, reverse("projects:files", args=[project.pk]))
    w.pages["project pages"] = _get(fc, reverse("projects:pages", args=[project.pk]))
    w.pages["project page edit"] = _get(fc, reverse("projects:page_edit", args=[page.pk]))
    w.pages["project board"] = _get(fc, reverse("projects:board"))
    w.pages["my projects"] = _get(fc, reverse("projects:mine"))
    w.pages["project edit (titled)"] = _get(fc, reverse("projects:edit", args=[titled[0].pk]))
    for v in VECTORS[::6]:
        w.pages[f"search query {v.number}"] = _get(client, reverse("cms:search"), q=v.text)
    w.pages["site search results"] = _get(client, reverse("cms:search"), q="Vector")
    from community.discussions.models import Notification

    w.pages["notification texts"] = "\n".join(
        html.escape(f"{n.title} {n.body}") for n in Notification.objects.all()
    )
    w.pages["e-mails"] = "\n".join(
        "\n".join(
            [m.subject, m.body] + [c for c, t in getattr(m, "alternatives", []) if t == "text/html"]
        )
        for m in mail.outbox
    )
    _pupil_places(w, project, founder, fc)
    w.names["room page"] = _get(reader_client, reverse("discussions:room", args=[names_room.pk]))
    w.names["community members"] = _get(
        reader_client, reverse("discussions:community_members", args=[names_community.slug])
    )
    w.names["conversation"] = _get(
        reader_client, reverse("discussions:conversation", args=[names_dm.room_id])
    )
    w.names["room people"] = _get(
        reader_client, reverse("discussions:room_people", args=[names_room.pk])
    )
    return w


def _pupils_write(w, project, teacher, pupil_class):
    """Pupils' content: a teacher names pupils and classes; two pupils post in the project room
    (pre-moderated: held for their teacher, half of it published) and edit a post, and write
    pages of their own (half approved), every vector through the services they use."""
    from community.errors import ActionError

    for v in fitting(40):
        project_services.pupil_class_create(actor=teacher, project=project, name=v.text)
    w.pupil_names_refused = 0
    for v in VECTORS:  # a name the class list takes only as letters, spaces, ' and -
        try:
            project_services.pupils_add(
                actor=teacher, pupil_class=pupil_class, text=f"{v.text} K 5"
            )
        except ActionError:
            w.pupil_names_refused += 1
    project_services.pupils_add(
        actor=teacher, pupil_class=pupil_class, text="D'Artagnan-Ley O 6\nRuslan ʼ-' R 6"
    )
    writer, reader = (
        row.user for row in pupil_class.pupils.select_related("user").order_by("pk")[:2]
    )
    project_services.pupils_set_pages(actor=teacher, project=project, on=True)
    w.pupil, w.other_pupil = writer, reader
    w.pupil_frames = []
    for i, v in enumerate(VECTORS):
        message, _new = message_services.message_post(
            user=writer, room=project.room, body=v.text, client_id=f"pupil-{i}"
        )
        w.pupil_frames.append(json.dumps(_frame("message", message)))
        if i % 2 == 0:
            project_services.pupil_post_decide(actor=teacher, message_id=message.pk, approve=True)
    mine, _new = message_services.message_post(
        user=writer, room=project.room, body="first try", client_id="pupil-edit"
    )
    message_services.message_edit(user=writer, message_id=mine.pk, body=all_in_one())
    w.pupil_pages = []
    for i, v in enumerate(fitting(200)):
        page = project_services.page_create(
            actor=writer, project=project, title=v.text, body=v.text
        )
        w.pupil_pages.append(page)
        if i % 2 == 0:
            project_services.page_approve(actor=teacher, page=page)
    held = w.pupil_pages[1]
    project_services.page_edit(actor=writer, page=held, title=VECTORS[7].text, body=all_in_one())


def _pupil_places(w, project, teacher, teacher_client):
    pupil_client, other_client = Client(), Client()
    pupil_client.force_login(w.pupil)
    other_client.force_login(w.other_pupil)
    held = w.pupil_pages[1]
    w.pages["pupil post frames (socket)"] = "\n".join(
        json.loads(f)["message"]["body_html"]
        + html.escape(json.loads(f)["message"].get("author_name", "") or "")
        for f in w.pupil_frames
    )
    workspace = reverse("projects:workspace", args=[project.pk])
    w.pages["project room (the pupils' teacher)"] = _get(teacher_client, workspace)
    w.pages["project room (the pupil)"] = _get(pupil_client, workspace)
    w.pages["project room (another pupil)"] = _get(other_client, workspace)
    pages = reverse("projects:pages", args=[project.pk])
    w.pages["project pages (the pupils' teacher)"] = _get(teacher_client, pages)
    w.pages["project pages (the pupil)"] = _get(pupil_client, pages)
    w.pages["project pages (another pupil)"] = _get(other_client, pages)
    edit = reverse("projects:page_edit", args=[held.pk])
    w.pages["pupil's page (the pupil)"] = _get(pupil_client, edit)
    w.pages["pupil's page (the pupils' teacher)"] = _get(teacher_client, edit)
    w.pages["pupil's approved page (another pupil)"] = _get(
        other_client, reverse("projects:page_edit", args=[w.pupil_pages[0].pk])
    )
    w.pages["pupils tab"] = _get(teacher_client, reverse("projects:pupils", args=[project.pk]))
    for pupil_class in (
        project.pupil_classes.filter(teacher=teacher).exclude(name="5B").order_by("pk")[:4]
    ):
        w.pages[f"pupil cards of class {pupil_class.pk}"] = _get(
            teacher_client, reverse("projects:pupil_cards", args=[project.pk, pupil_class.pk])
        )


# --- CMS rich text, its feeds and Wagtail's admin listings ---------------------------------


@pytest.fixture(scope="module")
def cms_pages(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        try:
            yield _cms_render()
        finally:
            transaction.set_rollback(True)


def _cms_render():
    from tests.cms import factories as cf

    tree = cf.site_tree()
    rendered = {}
    everything = "".join(f"<p>{v.text}</p>" for v in VECTORS)
    page = cf.resource(tree["resources"], "Vector resource")
    page.body = json.dumps(
        [
            {"type": "paragraph", "value": everything},
            {
                "type": "callout",
                "value": {"kind": "tip", "title": VECTORS[3].text, "text": everything},
            },
        ]
    )
    page.save_revision().publish()
    home = tree["home"]
    home.intro = everything
    home.save_revision().publish()
    for v in fitting(200)[:12]:
        cf.news_item(tree["news"], v.text, summary=v.text)
    client = Client()
    rendered["cms resource page"] = _get(client, page.url)
    rendered["cms home"] = _get(client, "/en/")
    rendered["cms news index"] = _get(client, tree["news"].url)
    for name in ("cms:news_rss", "cms:news_atom"):
        feed = _get(client, reverse(name))
        # a feed reader shows an entry's description (Atom: its summary) as HTML, its title as text
        shown = re.findall(
            r"<(?:description|summary)[^>]*>(.*?)</(?:description|summary)>", feed, re.S
        )
        assert len(shown) > 10, feed[:500]
        rendered[name] = "\n".join(html.unescape(part) for part in shown)
    rendered["cms search"] = _get(client, reverse("cms:search"), q="Vector")
    return rendered


CMS_PLACES = [
    "cms resource page",
    "cms home",
    "cms news index",
    "cms:news_rss",
    "cms:news_atom",
    "cms search",
]


@pytest.mark.django_db
@pytest.mark.parametrize("place", CMS_PLACES)
def test_no_vector_executes_in_cms_rich_text_and_feeds(cms_pages, place):
    assert executables(cms_pages[place]) == []


# --- the checks ----------------------------------------------------------------------------

PLACES = [
    "message frames (socket)",
    "room page",
    "room page (reader)",
    "message history",
    "community page",
    "community members",
    "community directory",
    "conversation",
    "inbox",
    "notifications",
    "teacher directory",
    "project detail",
    "project workspace",
    "project plan",
    "project journal",
    "project files",
    "project pages",
    "project page edit",
    "project board",
    "my projects",
    "project edit (titled)",
    "site search results",
    "notification texts",
    "e-mails",
    "pupil post frames (socket)",
    "project room (the pupils' teacher)",
    "project room (the pupil)",
    "project room (another pupil)",
    "project pages (the pupils' teacher)",
    "project pages (the pupil)",
    "project pages (another pupil)",
    "pupil's page (the pupil)",
    "pupil's page (the pupils' teacher)",
    "pupil's approved page (another pupil)",
    "pupils tab",
]


@pytest.mark.django_db
@pytest.mark.parametrize("place", PLACES)
def test_no_vector_executes(world, place):
    assert place in world.pages
    assert executables(world.pages[place]) == []


@pytest.mark.django_db
def test_the_pupils_content_reached_every_place_that_shows_it(world):
    """Not a vacuous pass: each pupil place shows the vectors (escaped, as text)."""
    shown = {
        p: len(MARKER.findall(html.unescape(t))) for p, t in world.pages.items() if "pupil" in p
    }
    assert len(shown) >= 11 and all(shown.values()), shown


@pytest.mark.django_db
def test_every_rendered_place_is_clean(world):
    """The places made per row (profiles, rooms with vector titles, search pages)."""
    findings = {p: executables(t) for p, t in world.pages.items() if p not in PLACES}
    assert {p: f for p, f in findings.items() if f} == {}


@pytest.mark.django_db
@pytest.mark.parametrize("place", ["room page", "community members", "conversation", "room people"])
def test_names_cannot_reorder_text(world, place):
    assert _bidi_leaks(world.names[place]) == []


def test_the_finder_finds_what_it_must():
    """The checker itself: each family's surviving form is caught, the escaped form is not."""
    assert executables('<img src=x onerror="__xss(4)">')
    assert executables('<a href="&#106;ava&#x09;script:__xss(20)">x</a>')
    assert executables("<svg><x></x></svg>")
    assert executables("<script>__xss(1)</script>", nonce="abc")
    assert executables('<script nonce="abc">ok()</script>', nonce="abc") == []
    assert (
        executables('&lt;img src=x onerror=__xss(4)&gt; <a href="https://example.org/">ok</a>')
        == []
    )
    assert _bidi_leaks("Ali\u202eX") and _bidi_leaks("<bdi>Ali\u202eX</bdi>") == []
