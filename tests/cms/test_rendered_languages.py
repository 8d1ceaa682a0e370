"""Every label the site shows in each interface language is translated, with the right plural form.

The demo world is loaded, the key pages are rendered in every language but English (signed out and signed in as
the demo teacher), and their visible text is compared with the catalogues: a text node (or a
title, aria-label, placeholder or alt) that equals an English msgid the catalogue translates
means the page shows that label in English. A number followed by a plural form of a catalogue
entry must be followed by the form that number needs (1 проект, 2 проекта, 5 проектов), and a
label shown right after a number must come from an entry with plural forms at all. Text an
element marks as written in another language (lang, e.g. a community's own name) is content.
"""

import io
import re
from pathlib import Path

import polib
import pytest
from bs4 import BeautifulSoup, Comment
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db

LOCALE = Path(__file__).resolve().parents[2] / "locale"
LANGUAGES = tuple(code for code, _name in settings.LANGUAGES if code != "en")
ATTRIBUTES = ("title", "aria-label", "placeholder", "alt")
TRAILING = " \t\n:;,.!?…·|—–-"


def _normal(text):
    return " ".join(text.split()).rstrip(TRAILING).strip()


def _catalogue(language):
    """(English msgids the catalogue translates into something else, the plural entries' forms,
    the translations of entries without a plural form)."""
    po = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    english, plurals, singular = set(), [], set()
    for entry in po:
        if entry.obsolete or "fuzzy" in entry.flags:
            continue
        if entry.msgid_plural:
            forms = [entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural)]
            if all(forms):
                plurals.append(forms)
            candidates = [
                (entry.msgid, forms[0] if forms else ""),
                (entry.msgid_plural, forms[-1] if forms else ""),
            ]
        else:
            candidates = [(entry.msgid, entry.msgstr)]
            if entry.msgstr:
                singular.add(_normal(entry.msgstr))
        for msgid, msgstr in candidates:
            key = _normal(msgid)
            if len(key) < 4 or not msgstr or _normal(msgstr) == key:
                continue
            if "%" in key or "{" in key:  # a placeholder is never shown as such
                continue
            english.add(key)
    return english, plurals, singular


def _same_as_english(language):
    """The English texts that `language` writes the same way ("Moderator" in Azerbaijani)."""
    po = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    return {
        _normal(entry.msgid)
        for entry in po
        if not entry.msgid_plural and entry.msgstr and _normal(entry.msgstr) == _normal(entry.msgid)
    }


def _plural_index(language, n):
    if language == "ru":
        if n % 10 == 1 and n % 100 != 11:
            return 0
        if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
            return 1
        return 2
    return 0 if n == 1 else 1


def _language_of(tag):
    """The language an element declares (its own lang or its nearest ancestor's)."""
    while tag is not None and getattr(tag, "get", None) is not None:
        if tag.get("lang"):
            return tag["lang"].split("-")[0]
        tag = tag.parent
    return ""


def _visible(html, language):
    """The labels the page shows in `language` (text nodes and labelling attributes; what an
    element marks as written in another language, such as a community's own name, is content,
    not a label), and the page's running text."""
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style", "template"]):
        tag.decompose()
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    pieces = [
        str(node) for node in soup.find_all(string=True) if _language_of(node.parent) == language
    ]
    for tag in soup.find_all(True):
        if tag.name == "meta" or _language_of(tag) != language:
            continue
        for attribute in ATTRIBUTES:
            value = tag.get(attribute)
            if isinstance(value, str):
                pieces.append(value)
    # A count shown as "<strong>26</strong> members": the number and the label that follows it.
    counted = []
    for node in soup.find_all(string=True):
        label = _normal(node)
        if not label or _language_of(node.parent) != language:
            continue
        before = node.previous_sibling
        while isinstance(before, str) and not before.strip():
            before = before.previous_sibling
        if (
            before is not None
            and not isinstance(before, str)
            and before.get_text().strip().isdigit()
        ):
            counted.append((int(before.get_text().strip()), label))
    body = soup.body or soup
    return (
        {_normal(piece) for piece in pieces if _normal(piece)},
        " ".join(body.get_text(" ").split()),
        counted,
    )


def _wrong_plurals(language, text, plurals):
    found = set()
    for forms in plurals:
        distinct = sorted(set(forms), key=len, reverse=True)
        pattern = r"(?<![\w.,])(\d+)\s+(" + "|".join(re.escape(f) for f in distinct) + r")(?!\w)"
        for match in re.finditer(pattern, text):
            number, shown = int(match.group(1)), match.group(2)
            wanted = forms[min(_plural_index(language, number), len(forms) - 1)]
            if shown != wanted:
                found.add(f"{number} {shown} (wanted {number} {wanted})")
    return found


def _uncounted_labels(language, counted, plurals, singular):
    """Labels shown after a number that come from an entry without plural forms (gettext where
    ngettext is needed: "26 Участники", "4 İcmalar")."""
    forms = {form for entry in plurals for form in entry}
    return {
        f"{number} {label} (a label without plural forms)"
        for number, label in counted
        if label in singular and label not in forms
    }


def _pages(language):
    """(name, url) of the key pages, in `language`."""
    from wagtail.models import Locale

    from cms.models import EventIndexPage, EventPage, NewsIndexPage, ResourceIndexPage, ResourcePage
    from community.demo import DEMO_ACCOUNTS
    from community.discussions.models import Community, Room
    from community.models import User
    from projects.models import Project

    locale = Locale.objects.get(language_code=language)
    teacher = User.objects.get(email=dict(DEMO_ACCOUNTS)["teacher"])
    community = Community.objects.get(slug="inclusive-education-practice")
    room = Room.objects.filter(community=community).order_by("pk").first()
    project = Project.objects.filter(published_at__isnull=False).order_by("pk").first()
    resource = ResourcePage.objects.live().public().filter(locale=locale).first()
    event = EventPage.objects.live().public().filter(locale=locale).first()
    with translation.override(language):
        pages = [
            ("home", f"/{language}/"),
            ("resources index", ResourceIndexPage.objects.get(locale=locale).url),
            ("resource", resource.url),
            ("events index", EventIndexPage.objects.get(locale=locale).url),
            ("event", event.url),
            ("news", NewsIndexPage.objects.get(locale=locale).url),
            ("communities", reverse("discussions:directory")),
            ("community", reverse("discussions:community", args=[community.slug])),
            ("room", reverse("discussions:room", args=[room.pk])),
            ("projects board", reverse("projects:board")),
            ("project", reverse("projects:detail", args=[project.pk])),
            ("showcase", reverse("projects:showcase")),
            ("statistics", reverse("projects:statistics")),
            ("teachers directory", reverse("teacher_directory")),
            ("partner search", reverse("projects:teachers")),
            ("sign-up", reverse("signup")),
            ("login", reverse("login")),
            ("teacher's profile", reverse("teacher_profile", args=[teacher.pk])),
            ("notifications", reverse("discussions:notifications")),
        ]
    return teacher, pages


@pytest.fixture(autouse=True)
def _language_restored():
    """The requests below activate each language in this thread; the next test starts as before."""
    with translation.override(translation.get_language()):
        yield


def test_pages_show_no_english_label_and_the_right_plural_forms_in_every_language(client):
    from community.demo import DEMO_ACCOUNTS

    call_command("seed_demo", stdout=io.StringIO())
    problems = []
    # A label is English when it is any catalogue's English text (an entry left equal to its
    # msgid in one catalogue is still caught by the others).
    every_english = set().union(*(_catalogue(language)[0] for language in LANGUAGES))
    for language in LANGUAGES:
        english, plurals, singular = _catalogue(language)
        english = every_english - _same_as_english(language)
        teacher, pages = _pages(language)
        assert teacher.email == dict(DEMO_ACCOUNTS)["teacher"]
        for signed_in in (False, True):
            client.logout()
            if signed_in:
                client.force_login(teacher)
            who = "signed in" if signed_in else "signed out"
            for name, url in pages:
                response = client.get(url, follow=True, HTTP_ACCEPT_LANGUAGE=language)
                assert response.status_code == 200, (
                    f"{name} ({url}, {language}, {who}): {response.status_code}"
                )
                pieces, text, counted = _visible(response.content.decode(), language)
                shown_english = sorted(pieces & english)
                wrong = sorted(
                    _wrong_plurals(language, text, plurals)
                    | _uncounted_labels(language, counted, plurals, singular)
                )
                if shown_english:
                    problems.append(f"{name} {url} [{language}, {who}] in English: {shown_english}")
                if wrong:
                    problems.append(f"{name} {url} [{language}, {who}] wrong plural form: {wrong}")
    assert not problems, (
        "Labels shown in English or without the plural form their number needs:\n"
        + "\n".join(problems)
    )
