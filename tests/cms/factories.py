"""Small factories for CMS tests (no factory_boy): a site tree, pages, people."""

import itertools
from datetime import timedelta

from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import Locale, Page, Site

from cms import editorial
from cms.models import (
    EventIndexPage,
    EventPage,
    HomePage,
    NewsIndexPage,
    NewsPage,
    ResourceIndexPage,
    ResourcePage,
    StandardPage,
    Topic,
)
from community.models import User

_seq = itertools.count(1)


def user(*, staff=False, groups=(), **extra):
    n = next(_seq)
    email = extra.pop("email", f"cms{n}@example.org")
    person = User.objects.create_user(
        username=email,
        email=email,
        password="x-secret-123456",
        email_confirmed=True,
        is_staff=staff,
        **extra,
    )
    if staff:
        person.is_superuser = True
        person.save()
    for name in groups:
        person.groups.add(Group.objects.get(name=name))
    return person


def site_tree():
    """Home (en) replacing Wagtail's welcome page, with resource, event and news sections."""
    root = Page.get_first_root_node()
    site = Site.objects.get(is_default_site=True)
    en = Locale.objects.get(language_code="en")
    old = site.root_page
    old.slug = "welcome-replaced"
    old.save()
    home = root.add_child(
        instance=HomePage(title="Teacher Commons", slug="home", locale=en, intro="<p>Hi</p>")
    )
    site.root_page = home
    site.save()
    old.delete()
    Site.clear_site_root_paths_cache()
    home.save_revision().publish()
    resources = home.add_child(instance=ResourceIndexPage(title="Resources", slug="resources"))
    events = home.add_child(instance=EventIndexPage(title="Events", slug="events"))
    news = home.add_child(instance=NewsIndexPage(title="News", slug="news"))
    editorial.assign_sections([resources, events, news])
    return {"home": home.specific, "resources": resources, "events": events, "news": news}


def topic(name="Inclusive education"):
    slug = name.lower().replace(" ", "-")
    return Topic.objects.get_or_create(
        slug=slug, locale=Locale.get_default(), defaults={"name": name}
    )[0]


def translate_topic(topic, code, name):
    """`topic`'s translation into the locale `code`, named `name`."""
    copy = topic.copy_for_translation(Locale.objects.get(language_code=code))
    copy.name = name
    copy.save()
    return copy


def resource(parent, title=None, *, topics=(), live=True, **fields):
    n = next(_seq)
    fields.setdefault("summary", f"Summary of resource {n}")
    page = ResourcePage(title=title or f"Resource {n}", live=live, **fields)
    parent.add_child(instance=page)
    if topics:
        page.topics.set(topics)
        page.save()
    return page


def event(parent, title=None, *, days=10, hours=3, **fields):
    n = next(_seq)
    start = fields.pop("start", timezone.now() + timedelta(days=days))
    fields.setdefault("summary", f"Summary of event {n}")
    fields.setdefault("venue", "Ganja")
    page = EventPage(
        title=title or f"Event {n}", start=start, end=start + timedelta(hours=hours), **fields
    )
    parent.add_child(instance=page)
    return page


def news_item(parent, title=None, **fields):
    n = next(_seq)
    fields.setdefault("summary", f"Summary of news {n}")
    page = NewsPage(title=title or f"News {n}", **fields)
    parent.add_child(instance=page)
    return page


def standard(parent, title="About", **fields):
    page = StandardPage(title=title, **fields)
    parent.add_child(instance=page)
    return page


def publish_translation(page, code, **fields):
    """A published translation of `page` into the locale `code`, with `fields` changed."""
    copy = page.copy_for_translation(
        Locale.objects.get(language_code=code), copy_parents=True
    ).specific
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.save_revision().publish()
    return copy
