"""Which documents the pages use: attached to a resource, an event's slides, or in a body.

Read by cms.permissions: a document used on a page that a reader may not see is not served
to them.
"""

import json

from wagtail.rich_text.rewriters import FIND_A_TAG, extract_attrs

from .models import EventPage, HomePage, NewsPage, ResourceDocument, ResourcePage, StandardPage


def _stream_document_ids(data):
    ids = set()
    if isinstance(data, str):
        # Rich text: <a linktype="document" id="N">.
        for attrs in map(extract_attrs, FIND_A_TAG.findall(data)):
            if attrs.get("linktype") == "document" and str(attrs.get("id", "")).isdigit():
                ids.add(int(attrs["id"]))
    elif isinstance(data, dict):
        if data.get("type") == "document" and isinstance(data.get("value"), dict):
            doc = data["value"].get("document")
            if isinstance(doc, int):
                ids.add(doc)
        for value in data.values():
            ids |= _stream_document_ids(value)
    elif isinstance(data, list):
        for value in data:
            ids |= _stream_document_ids(value)
    return ids


def document_ids_on_pages(pages):
    """Ids of documents attached to or embedded in `pages` (any page types)."""
    page_ids = list(pages.values_list("pk", flat=True))
    if not page_ids:
        return set()
    ids = set(
        ResourceDocument.objects.filter(page_id__in=page_ids).values_list("document_id", flat=True)
    )
    ids |= set(
        EventPage.objects.filter(pk__in=page_ids, slides__isnull=False).values_list(
            "slides_id", flat=True
        )
    )
    for model in (ResourcePage, EventPage, NewsPage, StandardPage, HomePage):
        for body in model.objects.filter(pk__in=page_ids).values_list("body", flat=True):
            ids |= _stream_document_ids(_raw(body))
    return ids


def _raw(body):
    raw = getattr(body, "raw_data", body)
    if isinstance(raw, str):
        try:
            return json.loads(raw)
        except ValueError:
            return []
    return list(raw) if raw is not None else []
