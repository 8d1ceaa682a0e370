"""Wagtail's database search backend, with two changes: no whole-index scan on every save of a model
with no title, and, on PostgreSQL, words found in their forms in each content language.

Title norms. After adding entries, the database backends recompute the average title
length over the *whole* index (an AVG and an UPDATE that read every entry) so
that title matches rank fairly. Discussion messages have no title, and a post
is a save: every message sent would scan an index that grows with every
message. Here that refresh runs only when the saved model has a `title`
search field (pages, projects), with results unchanged: entries without a
title take no part in the average nor in the update.

Languages (PostgreSQL only). Each object is indexed with the text-search configuration of its
language: a page's locale, a message's community language, a community's language, a project's
first working language, otherwise the site's default language (`LANGUAGE_CODE`). English and
Russian have stemming configurations (`LANGUAGE_CONFIGS`); every other language uses
`FOLDED_CONFIG`, made by cms's migration 0011: no stemming, but case and accents folded
(``unaccent``, so "Müəllim", "muəllim" and "MÜƏLLİM" are one word; "ə" is a letter of its own
and stays). A query is read in every configuration at once, each reading ORed with the others:
a Russian word typed on an English page still finds Russian content in any of its forms, and a
word's stop-word status in one language does not empty the query in another. Both options may
be given in the backend's entry in ``WAGTAILSEARCH_BACKENDS`` (``LANGUAGE_CONFIGS``,
``FOLDED_CONFIG``).

SQLite keeps what FTS5's default ``unicode61`` tokenizer gives: case folded over all of Unicode
and diacritics removed from Latin letters ("Müəllim" finds "muəllim"), whole words only, no
stemming ("учитель" does not find "учителей").
"""

import copy
from functools import reduce

from django.conf import settings
from django.db import connection
from modelsearch.backends.database import SearchBackend as database_backend
from modelsearch.index import SearchField

_classes = {}

#: Language code to PostgreSQL text-search configuration; any other language is folded only.
LANGUAGE_CONFIGS = {"en": "english", "ru": "russian"}
#: Created by cms/migrations/0011: `simple` with `unaccent` before it (or plain `simple`
#: where the extension cannot be created).
FOLDED_CONFIG = "tc_folded"

#: Where an indexed model keeps its language code, by model label; models with a `locale`
#: (pages, topics) use the locale's. A path through a many-to-many relation takes its first code.
LANGUAGE_PATHS = {
    "discussions.message": "room__community__language__code",
    "discussions.community": "language__code",
    "projects.project": "languages__code",
}


def _has_title(model):
    return any(
        isinstance(field, SearchField) and field.field_name == "title"
        for field in model.get_search_fields()
    )


def _language_path(model):
    path = LANGUAGE_PATHS.get(model._meta.label_lower)
    if path is None and any(f.name == "locale" for f in model._meta.get_fields()):
        path = "locale__language_code"
    return path


def _index_class(base):
    if base not in _classes:

        class Index(base):
            _untitled_batch = False

            def add_items(self, model, objs):
                self._untitled_batch = not _has_title(model)
                try:
                    languages = getattr(self.backend, "languages", None)
                    if languages is None:
                        return super().add_items(model, objs)
                    return self._add_items_by_config(model, objs, languages)
                finally:
                    self._untitled_batch = False

            def _add_items_by_config(self, model, objs, languages):
                """Index `objs` in groups, each group with its language's configuration."""
                groups = {}
                for config, obj in zip(languages.configs_for(model, objs), objs, strict=True):
                    groups.setdefault(config, []).append(obj)
                backend = self.backend
                try:
                    for config, group in groups.items():
                        self.backend = copy.copy(backend)
                        self.backend.config = config
                        super().add_items(model, group)
                finally:
                    self.backend = backend

            def _refresh_title_norms(self, full=False):
                if self._untitled_batch and not full:
                    return
                return super()._refresh_title_norms(full=full)

        Index.__name__ = Index.__qualname__ = f"Untitled{base.__name__}"
        _classes[base] = Index
    return _classes[base]


class Languages:
    """Which configuration indexes an object, and which ones read a query."""

    def __init__(self, params):
        self.by_code = dict(params.get("LANGUAGE_CONFIGS", LANGUAGE_CONFIGS))
        self.folded = params.get("FOLDED_CONFIG", FOLDED_CONFIG)
        self.default = self.config_for_code(settings.LANGUAGE_CODE)
        codes = [code for code, _name in settings.LANGUAGES]
        configs = [self.config_for_code(code) for code in codes] + [self.default]
        self.query_configs = list(dict.fromkeys(configs))

    def config_for_code(self, code):
        if not code:
            return None
        return self.by_code.get(code) or self.by_code.get(code.split("-")[0]) or self.folded

    def configs_for(self, model, objs):
        """The configuration of each of `objs`, in order: one query for the whole batch."""
        path = _language_path(model)
        codes = {}
        if path:
            rows = (
                model._base_manager.filter(pk__in=[obj.pk for obj in objs])
                .order_by("pk", path)
                .values_list("pk", path)
            )
            for pk, code in rows:
                if code and pk not in codes:
                    codes[pk] = code
        return [self.config_for_code(codes.get(obj.pk)) or self.default for obj in objs]


class QueryConfigs(tuple):
    """The backend's `config` on PostgreSQL: every configuration a query is read in."""


def _query_compiler_class(base):
    if base not in _classes:

        class QueryCompiler(base):
            def build_tsquery(self, query, config=None):
                """The query read in each of the configurations, the readings ORed."""
                if not isinstance(config, QueryConfigs):
                    return super().build_tsquery(query, config=config)
                readings = [
                    super(QueryCompiler, self).build_tsquery(query, config=each) for each in config
                ]
                readings = [reading for reading in readings if reading is not None]
                return reduce(lambda a, b: a | b, readings) if readings else None

        QueryCompiler.__name__ = QueryCompiler.__qualname__ = f"Languages{base.__name__}"
        _classes[base] = QueryCompiler
    return _classes[base]


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up in a backend module
    backend = database_backend(params)
    if not hasattr(backend.index_class, "_refresh_title_norms"):
        return backend
    if connection.vendor != "postgresql":  # as the database backend itself decides
        backend.index_class = _index_class(backend.index_class)
        return backend
    backend.languages = Languages(params)
    backend.config = QueryConfigs(backend.languages.query_configs)
    backend.index_class = _index_class(backend.index_class)
    backend.query_compiler_class = _query_compiler_class(backend.query_compiler_class)
    return backend
