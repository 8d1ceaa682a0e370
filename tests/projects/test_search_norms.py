"""Models with a title still get their title norms (search ranking) when saved."""

import pytest
from wagtail.search.models import IndexEntry

from . import factories as f

pytestmark = pytest.mark.django_db


def test_titled_entries_are_normalised_after_a_save():
    founder = f.teacher()
    short = f.project(founder, title="Bees")
    long = f.project(founder, title="Bees, flowers and the school garden through the seasons")
    norms = dict(
        IndexEntry.objects.filter(object_id__in=[str(short.pk), str(long.pk)])
        .exclude(title="")
        .values_list("object_id", "title_norm")
    )
    assert set(norms) == {str(short.pk), str(long.pk)}
    # lavg / length: the short title weighs more than the long one, neither stays at the default 1.0
    assert norms[str(short.pk)] > norms[str(long.pk)]
    assert 1.0 not in norms.values()
