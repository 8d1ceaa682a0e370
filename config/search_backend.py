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
from modelsearch.index import FilterField, SearchField

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


#: What Python's str.strip() removes from an ASCII text, for the index's plain-text columns.
_STRIPPED = " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f"


def _plain_text_fields(model):
    """The columns of `model`'s search fields when a row alone gives its index entry, else None.

    That is: only SearchFields (no title, no autocomplete, no related fields) on the model's own
    non-null text columns, and a language path without a many-to-many step (one code per row).
    """
    from django.db import models

    columns = []
    for field in model.get_search_fields():
        if isinstance(field, FilterField):
            continue
        if not isinstance(field, SearchField) or field.field_name == "title":
            return None
        try:
            column = model._meta.get_field(field.field_name)
        except Exception:  # noqa: BLE001 - a method or property: only a Python object gives it
            return None
        if not isinstance(column, models.CharField | models.TextField) or column.null:
            return None
        columns.append((column.attname, field.boost))
    path = _language_path(model)
    if path:
        current = model
        for step in path.split("__")[:-1]:
            relation = current._meta.get_field(step)
            if relation.many_to_many or relation.one_to_many:
                return None
            current = relation.related_model
    return columns or None


def index_queryset_in_sql(backend, model, queryset, *, chunk=100_000):
    """Index every row of `queryset` with INSERT … SELECT statements (PostgreSQL), in pk ranges.

    The entries are the ones `backend.add_bulk` writes, row for row: the same empty title and
    autocomplete vectors, the body fields' vectors with their weights in the configuration of the
    row's language, title_norm 1.0 and the stripped plain texts; an existing entry is replaced.
    Returns the number of rows indexed, or None when this model's entries need its Python
    objects (then `add_bulk` is the way).
    """
    from django.db.models import F, Max, Min, Value
    from modelsearch.backends.database.postgres.weights import get_weight
    from modelsearch.conf import get_app_config
    from modelsearch.utils import get_content_type_pk

    IndexEntry = get_app_config().get_model("IndexEntry")  # noqa: N806 - the model class
    languages = getattr(backend, "languages", None)
    fields = _plain_text_fields(model)
    if languages is None or fields is None or connection.vendor != "postgresql":
        return None
    path = _language_path(model)
    queryset = queryset.order_by()
    # Each row's language code (a LEFT JOIN: no language is the default), then its configuration.
    code = F(path) if path else Value(None)
    codes = [c for c in queryset.values_list(path, flat=True).distinct() if c] if path else []
    config_params = []
    for each in codes:
        config_params += [each, languages.config_for_code(each)]
    config = "CASE r.code " + "WHEN %s THEN %s " * len(codes) + "ELSE %s END"
    config_params.append(languages.default)
    quote = connection.ops.quote_name
    names = [f"f{i}" for i in range(len(fields))]
    ws = "'" + _STRIPPED.replace("'", "''") + "'"
    stripped = [f"btrim(s.{name}, {ws})" for name in names]
    # Field names, weights ('A'–'D') and the table come from the models, never from a user.
    vectors = " || ".join(
        f"CASE WHEN {text} = '' THEN ''::tsvector "
        f"ELSE setweight(to_tsvector(s.cfg::regconfig, {text}), '{get_weight(boost)}') END"
        for text, (_column, boost) in zip(stripped, fields, strict=True)
    )
    plain = "concat_ws(' ', " + ", ".join(f"NULLIF({text}, '')" for text in stripped) + ")"
    bounds = queryset.aggregate(low=Min("pk"), high=Max("pk"))
    if bounds["low"] is None:
        return 0
    content_type = get_content_type_pk(model)
    done = 0
    low = bounds["low"]
    while low <= bounds["high"]:
        rows = (
            queryset.filter(pk__gte=low, pk__lt=low + chunk)
            .annotate(_tc_code=code)
            .values_list("pk", "_tc_code", *[column for column, _boost in fields])
        )
        select, params = rows.query.sql_with_params()
        sql = (
            f"INSERT INTO {quote(IndexEntry._meta.db_table)} (content_type_id, object_id, title, "  # noqa: S608
            "autocomplete, body, title_norm, title_text, body_text) "
            f"SELECT %s, s.pk::text, ''::tsvector, ''::tsvector, {vectors}, 1.0, '', {plain} "
            f"FROM (SELECT r.*, {config} AS cfg FROM ({select}) AS r(pk, code, {', '.join(names)})) AS s "
            "ON CONFLICT (content_type_id, object_id) DO UPDATE SET title = EXCLUDED.title, "
            "title_norm = 1.0, autocomplete = EXCLUDED.autocomplete, body = EXCLUDED.body, "
            "title_text = EXCLUDED.title_text, body_text = EXCLUDED.body_text"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [content_type, *config_params, *params])
            done += cursor.rowcount
        low += chunk
    return done
