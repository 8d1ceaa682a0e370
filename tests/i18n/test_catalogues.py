"""Every interface language has a complete, consistent catalogue.

Complete means: every message the code and templates mark for translation (extracted afresh
with Django's makemessages into a scratch directory) has an entry, no entry is fuzzy or left
empty in any of its plural forms, each entry keeps the placeholders of its English text, and
each catalogue declares the plural rule of its language. The glossary's words are the ones
the catalogues use for the platform's own terms.
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
LOCALE = ROOT / "locale"
LANGUAGES = [code for code, _name in settings.LANGUAGES if code != "en"]

#: The number of plural forms of each language, as gettext and Django expect them.
PLURAL_FORMS = {"az": 2, "ru": 4, "kk": 2, "ky": 2, "uz": 2, "tg": 2, "tr": 2}

#: Where the code and templates that carry messages live (what `make messages` scans).
SOURCES = ("community", "cms", "projects", "templates", "config")

PLACEHOLDER = re.compile(r"%\([a-z_0-9]+\)[sdif]|%[sdif]|\{[a-z_0-9]*\}")


def _catalogue(language):
    path = LOCALE / language / "LC_MESSAGES" / "django.po"
    assert path.exists(), f"locale/{language}/LC_MESSAGES/django.po is missing"
    return polib.pofile(str(path))


def _key(entry):
    return (entry.msgctxt or "", entry.msgid)


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    """The msgids the code marks for translation, extracted as `make messages` would."""
    if shutil.which("xgettext") is None:
        pytest.fail("GNU gettext (xgettext) is needed to extract the messages: install Debian's gettext")
    scratch = tmp_path_factory.mktemp("messages")
    (scratch / "scratch_settings.py").write_text(
        "from config.settings.test import *  # noqa\n"
        f"LOCALE_PATHS = [{str(scratch / 'locale')!r}]\n"
    )
    (scratch / "locale").mkdir()
    # The sources are linked into the scratch directory, so that the extracted catalogue is
    # written there and the project's own catalogues stay untouched.
    for name in SOURCES:
        (scratch / name).symlink_to(ROOT / name)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "scratch_settings",
        "PYTHONPATH": os.pathsep.join([str(scratch), str(ROOT)]),
    }
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "makemessages", "-l", "xx", "--symlinks", "-v", "0"],
        cwd=scratch,
        env=env,
        check=True,
    )
    po = polib.pofile(str(scratch / "locale" / "xx" / "LC_MESSAGES" / "django.po"))
    return {_key(entry) for entry in po if not entry.obsolete}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_catalogue_has_every_message_of_the_code(language, extracted):
    present = {_key(entry) for entry in _catalogue(language) if not entry.obsolete}
    missing = sorted(extracted - present)
    assert not missing, f"{language}: {len(missing)} message(s) have no entry, e.g. {missing[:5]}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_entry_is_fuzzy_empty_or_loses_a_placeholder(language):
    po = _catalogue(language)
    problems = []
    for entry in po:
        if entry.obsolete or not entry.msgid:
            continue
        if "fuzzy" in entry.flags:
            problems.append(f"fuzzy: {entry.msgid[:60]!r}")
        if entry.msgid_plural:
            forms = [entry.msgstr_plural.get(i, "") for i in range(PLURAL_FORMS[language])]
            wanted = set(PLACEHOLDER.findall(entry.msgid_plural)) | set(PLACEHOLDER.findall(entry.msgid))
        else:
            forms = [entry.msgstr]
            wanted = set(PLACEHOLDER.findall(entry.msgid))
        if not all(form.strip() for form in forms):
            problems.append(f"untranslated: {entry.msgid[:60]!r}")
            continue
        for form in forms:
            shown = set(PLACEHOLDER.findall(form))
            # A plural form may leave out the number ("один проект"), never add or rename one.
            if not shown <= wanted or {p for p in wanted if p.startswith("%(")} - shown - {"%(count)s", "%(n)s"}:
                problems.append(f"placeholders {sorted(shown)} vs {sorted(wanted)}: {entry.msgid[:60]!r}")
                break
    assert not problems, f"{language}: {len(problems)} problem(s): " + "; ".join(problems[:8])


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_catalogue_declares_its_language_and_plural_rule(language):
    po = _catalogue(language)
    assert po.metadata.get("Language") == language
    match = re.search(r"nplurals=(\d+)", po.metadata.get("Plural-Forms", ""))
    assert match and int(match.group(1)) == PLURAL_FORMS[language]
    assert not po.metadata_is_fuzzy


def _glossary_columns():
    header = (LOCALE / "GLOSSARY.md").read_text().split("\n| English |", 1)[1].split("\n", 1)[0]
    return [cell.strip() for cell in header.strip().strip("|").split("|")]


def test_every_interface_language_is_in_the_glossary():
    assert set(LANGUAGES) <= set(_glossary_columns())


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_catalogue_uses_the_glossary_term_for_community_and_project(language):
    """The first glossary rows (community, room, ...) are the words the catalogue uses for them."""
    rows = [
        [cell.strip() for cell in line.strip().strip("|").split("|")]
        for line in (LOCALE / "GLOSSARY.md").read_text().splitlines()
        if line.startswith("| ") and not line.startswith("| English")
    ]
    column = 1 + _glossary_columns().index(language)
    po = {entry.msgid: entry.msgstr for entry in _catalogue(language) if not entry.msgid_plural}
    for english, msgid in (("community", "Community"), ("project", "Project"), ("partner", "Partner")):
        term = next(row[column] for row in rows if row[0] == english)
        shown = po.get(msgid, "").replace("İ", "i").lower()
        assert shown.startswith(term.lower()[:4]), (language, msgid, po.get(msgid), term)
