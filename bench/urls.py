"""The site's URLs plus the baseline: a bare Django view (one template, no database)."""

from django.http import HttpResponse
from django.template import engines
from django.urls import path

from config.urls import urlpatterns as site_urlpatterns

BARE = engines["django"].from_string(
    "<!doctype html><html lang=en><head><meta charset=utf-8><title>{{ title }}</title></head>"
    "<body><main><h1>{{ title }}</h1>{% for item in items %}<p>{{ item }}</p>{% endfor %}</main>"
    "</body></html>"
)


def bare(request):
    return HttpResponse(BARE.render({"title": "Bare", "items": range(20)}))


urlpatterns = [path("bench/bare/", bare), *site_urlpatterns]
