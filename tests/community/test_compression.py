"""Pages go out compressed; the secrets in them stay masked per response (BREACH)."""

import gzip
import re

import pytest

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def test_html_pages_are_compressed_for_browsers_that_ask(client):
    response = client.get("/en/accounts/login/", headers={"accept-encoding": "gzip, br"})
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    html = gzip.decompress(response.content).decode()
    assert "<form" in html
    plain = client.get("/en/accounts/login/")
    assert not plain.has_header("Content-Encoding")


def test_the_csrf_token_is_masked_differently_in_every_compressed_page(client):
    tokens = set()
    for _ in range(3):
        response = client.get("/en/accounts/login/", headers={"accept-encoding": "gzip"})
        tokens.add(TOKEN.search(gzip.decompress(response.content).decode()).group(1))
    assert len(tokens) == 3
