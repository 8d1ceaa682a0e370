"""Site search finds words in their forms, per content language, and never what the reader may not read.

On PostgreSQL each object is indexed with its language's text-search configuration (english,
russian, or the folded one for the other languages) and a query is read in all of them. SQLite
keeps FTS5's unicode61 tokenizer: case and Latin accents folded, whole words only, no stemming.
Each test asserts the behaviour of the database it runs on.
"""

import pytest
from django.db import connection

from community.discussions.models import Community
from community.discussions.services import message_post
from community.models import Language
from tests.community import discussions_factories as f
from tests.community.discussions_factories import discussions_defaults  # noqa: F401

from . import factories

STEMS = connection.vendor == "postgresql"


def _results(client, path, q):
    return client.get(path, {"q": q}).context["results"]


def _summaries(client, path, q):
    return " | ".join(r["summary"] for r in _results(client, path, q))


def _community(code, *, name, owner, visibility="public"):
    language, _ = Language.objects.get_or_create(code=code, defaults={"name": code})
    community = f.community(name=name, owner=owner, visibility=visibility)
    Community.objects.filter(pk=community.pk).update(language=language)
    return f.room(Community.objects.get(pk=community.pk))


@pytest.fixture
def russian(tree):
    owner = f.user()
    room = _community("ru", name="Начальная школа", owner=owner)
    message_post(user=owner, room=room, body="Опыт учителей начальных классов", client_id="ru1")
    guide = factories.resource(tree["resources"], "Guide for young teachers")
    factories.publish_translation(
        guide, "ru", title="Советы молодым учителям", summary="Памятка для учителей"
    )
    return owner


def test_a_russian_word_finds_its_other_forms(client, russian):
    found = _results(client, "/ru/search/", "учитель")
    titles = [r["title"] for r in found]
    summaries = " | ".join(r["summary"] for r in found)
    if STEMS:
        assert "Советы молодым учителям" in titles
        assert "Опыт учителей начальных классов" in summaries
    else:  # FTS5 matches whole words: the form typed, and only it
        assert list(found) == []
    # The form as written is found on every database, page and message alike.
    exact = _results(client, "/ru/search/", "учителей")
    assert "Советы молодым учителям" in [r["title"] for r in exact]
    assert "Опыт учителей начальных классов" in " | ".join(r["summary"] for r in exact)


def test_a_russian_word_typed_on_an_english_page_finds_russian_messages(client, russian):
    summaries = _summaries(client, "/en/search/", "учителя")
    assert ("Опыт учителей начальных классов" in summaries) is STEMS


def test_english_words_are_found_in_their_forms(client, tree):
    factories.resource(tree["resources"], "Fractions with paper strips", summary="How we teach it")
    factories.resource(tree["resources"], "A letter", summary="Written to new teachers")
    owner = f.user()
    room = _community("en", name="Maths circle", owner=owner)
    message_post(user=owner, room=room, body="Who teaches geometry outdoors?", client_id="en1")
    teaching = _results(client, "/en/search/", "teaching")
    titles = [r["title"] for r in teaching]
    assert ("Fractions with paper strips" in titles) is STEMS
    assert ("Who teaches geometry outdoors?" in " ".join(r["summary"] for r in teaching)) is STEMS
    assert ("A letter" in [r["title"] for r in _results(client, "/en/search/", "teacher")]) is STEMS
    # The word as written is found everywhere.
    assert "A letter" in [r["title"] for r in _results(client, "/en/search/", "teachers")]


def test_azerbaijani_words_are_found_whatever_their_case_and_accents(client, tree):
    owner = f.user()
    room = _community("az", name="Gənc müəllimlər", owner=owner)
    message_post(user=owner, room=room, body="Gənc müəllim üçün məsləhətlər", client_id="az1")
    for typed in ("müəllim", "Müəllim", "MÜƏLLİM", "muəllim"):
        assert "Gənc müəllim üçün məsləhətlər" in _summaries(client, "/az/search/", typed), typed
    # No stemmer for Azerbaijani: a plural is another word on every database.
    assert "Gənc müəllim üçün" not in _summaries(client, "/az/search/", "müəllimlər")


def test_a_private_communitys_message_is_found_by_members_only(client, tree):
    owner = f.user()
    room = _community("ru", name="Закрытый круг", owner=owner, visibility="private")
    message_post(user=owner, room=room, body="Секретный план учителей", client_id="p1")
    member = f.user()
    f.member(room.community, member)
    typed = "учитель" if STEMS else "учителей"
    assert "Секретный план" not in _summaries(client, "/ru/search/", typed)
    client.force_login(f.user())
    assert "Секретный план" not in _summaries(client, "/ru/search/", typed)
    client.force_login(member)
    assert "Секретный план учителей" in _summaries(client, "/ru/search/", typed)


def _message_entries():
    """Every message's index entry as text, column by column (vectors as PostgreSQL prints them)."""
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import TextField
    from django.db.models.functions import Cast
    from modelsearch.conf import get_app_config

    from community.discussions.models import Message

    IndexEntry = get_app_config().get_model("IndexEntry")  # noqa: N806 - the model class
    columns = ["object_id", "title", "autocomplete", "body", "title_norm"]
    if STEMS:
        columns += ["title_text", "body_text"]
    entries = IndexEntry.objects.filter(content_type=ContentType.objects.get_for_model(Message))
    return list(
        entries.annotate(**{f"{c}_shown": Cast(c, TextField()) for c in columns})
        .order_by("object_id")
        .values_list(*[f"{c}_shown" for c in columns])
    )


def test_messages_indexed_in_bulk_are_found_as_if_each_had_been_saved(tree):
    """The large world's bulk indexing (set-based on PostgreSQL) writes the entries a save writes."""
    from django.contrib.contenttypes.models import ContentType
    from modelsearch.conf import get_app_config

    from community.demo_large import index_in_bulk
    from community.discussions.models import Message
    from community.discussions.search import search_for

    IndexEntry = get_app_config().get_model("IndexEntry")  # noqa: N806 - the model class
    owner = f.user()
    bodies = {
        "ru": ["Опыт учителей начальных классов", "  Учитель   рассказал о проекте\n"],
        "en": ["Who teaches geometry outdoors?", "The teachers' ornament workshop"],
        "az": ["Gənc müəllim üçün məsləhətlər", "MÜƏLLİM və şagird"],
        "kk": ["Мұғалімдер кеңесі"],
        None: ["A room of a community without a language: teachers meet", "   "],
    }
    for code, texts in bodies.items():
        room = _community(code or "en", name=f"Circle {code}", owner=owner)
        if code is None:
            Community.objects.filter(pk=room.community_id).update(language=None)
        for text in texts:
            f.message(room, owner, body=text)
    queries = [
        "учитель",
        "учителей",
        "teaching",
        "teachers",
        "müəllim",
        "MUƏLLIM",
        "мұғалімдер",
        "ornament",
    ]

    def found():
        return {
            q: [hit["summary"] for hit in search_for(q, user=owner, filters={"type": "message"})]
            for q in queries
        }

    saved_entries, saved_results = _message_entries(), found()
    assert len(saved_entries) == Message.objects.count() == 9
    assert saved_results["teachers"] and saved_results["müəllim"]
    IndexEntry.objects.filter(content_type=ContentType.objects.get_for_model(Message)).delete()
    assert found()["teachers"] == []  # the index, not a plain filter, answers
    assert index_in_bulk(Message, Message.objects.all()) == 9
    assert _message_entries() == saved_entries
    assert found() == saved_results
    # Run again over indexed rows: the entries are replaced, not doubled.
    assert index_in_bulk(Message, Message.objects.all()) == 9
    assert _message_entries() == saved_entries


def test_messages_are_listed_newest_first_however_often_they_say_the_word(tree):
    from datetime import timedelta

    from django.utils import timezone

    from community.discussions.search import search_for

    owner = f.user()
    room = _community("en", name="Crafts", owner=owner)
    now = timezone.now()
    f.message(
        room,
        owner,
        body="Ornament, ornament, ornament: the ornament lesson",
        created_at=now - timedelta(days=3),
    )
    f.message(room, owner, body="Our ornament fair is today", created_at=now - timedelta(hours=1))
    f.message(room, owner, body="An ornament from last week", created_at=now - timedelta(days=1))
    found = [
        hit["summary"] for hit in search_for("ornament", user=None, filters={"type": "message"})
    ]
    assert found == [
        "Our ornament fair is today",
        "An ornament from last week",
        "Ornament, ornament, ornament: the ornament lesson",
    ]
