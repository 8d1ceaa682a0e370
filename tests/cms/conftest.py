import pytest

from . import factories


@pytest.fixture
def tree(db):
    return factories.site_tree()


@pytest.fixture
def teacher(db):
    return factories.user(first_name="Aysel", last_name="Mammadova")
