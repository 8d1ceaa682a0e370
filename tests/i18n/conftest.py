import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _language_restored():
    """Requests here activate other languages in this thread; the next test starts as before."""
    with translation.override(translation.get_language()):
        yield
