"""Wagtail's database search backend, without a whole-index scan on every save of a model with no title.

After adding entries, the database backends recompute the average title
length over the *whole* index (an AVG and an UPDATE that read every entry) so
that title matches rank fairly. Discussion messages have no title, and a post
is a save: every message sent would scan an index that grows with every
message. Here that refresh runs only when the saved model has a `title`
search field (pages, projects), with results unchanged: entries without a
title take no part in the average nor in the update.
"""

from modelsearch.backends.database import SearchBackend as database_backend
from modelsearch.index import SearchField

_classes = {}


def _has_title(model):
    return any(
        isinstance(field, SearchField) and field.field_name == "title"
        for field in model.get_search_fields()
    )


def _index_class(base):
    if base not in _classes:

        class Index(base):
            _untitled_batch = False

            def add_items(self, model, objs):
                self._untitled_batch = not _has_title(model)
                try:
                    return super().add_items(model, objs)
                finally:
                    self._untitled_batch = False

            def _refresh_title_norms(self, full=False):
                if self._untitled_batch and not full:
                    return
                return super()._refresh_title_norms(full=full)

        Index.__name__ = Index.__qualname__ = f"Untitled{base.__name__}"
        _classes[base] = Index
    return _classes[base]


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up in a backend module
    backend = database_backend(params)
    if hasattr(backend.index_class, "_refresh_title_norms"):
        backend.index_class = _index_class(backend.index_class)
    return backend
