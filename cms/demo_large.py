"""The large world's CMS content: 500 pages in three languages and 200 events with 20,000
registrations (`seed_demo --scale large`).

Resources and news are written in English, Azerbaijani and Russian: each English page and its
two translations share a translation_key, each under its own locale's index page of the small
demo. Pages go into the tree through treebeard's `add_child` (Wagtail computes the path, depth
and url_path and fires the save signals, which put each page into the search index), live,
with publication dates, so that they appear in the index pages' listings and in site search.
"""

import random
from datetime import timedelta

from django.utils import timezone
from django.utils.text import slugify

from community.demo_large import MARKER, large_teachers, scaled

LANGS = ["en", "az", "ru"]
RESOURCES = [
    {
        "en": ("Fractions with bazaar prices", "A lesson plan for grade 5 built on real prices from the market."),
        "az": ("Bazar qiymətləri ilə kəsrlər", "5-ci sinif üçün bazarın real qiymətlərinə əsaslanan dərs planı."),
        "ru": ("Дроби на ценах базара", "План урока для 5 класса на настоящих ценах с рынка."),
    },
    {
        "en": ("Seating for pupils with hearing impairment", "A short guide for the teacher of a mainstream class."),
        "az": ("Eşitmə qüsurlu şagirdlər üçün oturma", "Ümumi sinif müəllimi üçün qısa bələdçi."),
        "ru": ("Рассадка учеников с нарушением слуха", "Краткое пособие для учителя обычного класса."),
    },
    {
        "en": ("Formative assessment in ten minutes", "Exit tickets, traffic lights and questions that show learning."),
        "az": ("On dəqiqədə formativ qiymətləndirmə", "Çıxış biletləri, işıqfor və öyrənməni göstərən suallar."),
        "ru": ("Формирующее оценивание за десять минут", "Листы выхода, светофор и вопросы, показывающие знания."),
    },
    {
        "en": ("Teaching with one projector", "How a whole school shares one projector and a laptop."),
        "az": ("Bir proyektorla dərs", "Bütöv məktəb bir proyektor və noutbuku necə bölüşür."),
        "ru": ("Уроки с одним проектором", "Как вся школа делит один проектор и ноутбук."),
    },
    {
        "en": ("The river as a laboratory", "Measuring water with simple tools: a toolkit for science teachers."),
        "az": ("Laboratoriya kimi çay", "Sadə alətlərlə suyun ölçülməsi: təbiət müəllimləri üçün dəst."),
        "ru": ("Река как лаборатория", "Измерение воды простыми средствами: набор для учителя естествознания."),
    },
]
NEWS = [
    {
        "en": ("Teachers from {n} regions met in the capital", "The yearly meeting of the programme's teachers."),
        "az": ("{n} regionun müəllimləri paytaxtda görüşdü", "Proqram müəllimlərinin illik görüşü."),
        "ru": ("Учителя из {n} регионов встретились в столице", "Ежегодная встреча учителей программы."),
    },
    {
        "en": ("New mentors for village schools", "Experienced teachers will visit {n} small schools this term."),
        "az": ("Kənd məktəbləri üçün yeni mentorlar", "Təcrübəli müəllimlər bu rüb {n} kiçik məktəbə baş çəkəcək."),
        "ru": ("Новые наставники для сельских школ", "Опытные учителя посетят {n} малых школ в этой четверти."),
    },
]
EVENTS = [
    ("Regional workshop on inclusive education", "workshop"),
    ("Webinar: project-based learning step by step", "webinar"),
    ("Conference of rural teacher leaders", "conference"),
    ("Symposium: digital tools without internet", "symposium"),
]


def _index_pages(model):
    return {page.locale.language_code: page for page in model.objects.select_related("locale")}


def seed(stdout, *, factor=1.0):
    """Pages are indexed in bulk at the end, not on each save: each indexing of a titled page
    refreshes the title norms of the whole index (a scan per page)."""
    from django.db.models.signals import post_save
    from modelsearch.signal_handlers import post_save_signal_handler

    from cms.models import EventPage, NewsPage, ResourcePage
    from community.demo_large import index_in_bulk

    models = [ResourcePage, NewsPage, EventPage]
    for model in models:
        post_save.disconnect(post_save_signal_handler, sender=model)
    try:
        _seed(stdout, factor)
    finally:
        for model in models:
            post_save.connect(post_save_signal_handler, sender=model)
    indexed = sum(
        index_in_bulk(model, model.objects.live().filter(slug__startswith=MARKER), batch=500)
        for model in models
    )
    stdout.write(f"large cms: {indexed} pages in the search index")


def _seed(stdout, factor):
    from cms.models import (
        EventIndexPage,
        EventPage,
        EventRegistration,
        NewsIndexPage,
        NewsPage,
        ResourceIndexPage,
        ResourcePage,
    )

    if ResourcePage.objects.filter(slug__startswith=MARKER).exists():
        stdout.write("large cms: already there")
        return
    resource_parents = _index_pages(ResourceIndexPage)
    news_parents = _index_pages(NewsIndexPage)
    event_parent = _index_pages(EventIndexPage).get("en")
    if "en" not in resource_parents or "en" not in news_parents or event_parent is None:
        stdout.write("large cms: the small demo's site is missing; run seed_demo first")
        return
    langs = [code for code in LANGS if code in resource_parents and code in news_parents]
    rng = random.Random(5050)
    now = timezone.now()
    pages = 0

    def add(parent, page, when):
        nonlocal pages
        page.live = True
        page.first_published_at = page.last_published_at = when
        parent.add_child(instance=page)
        pages += 1
        return page

    for i in range(scaled("resources", factor)):
        texts = RESOURCES[i % len(RESOURCES)]
        when = now - timedelta(days=rng.randint(1, 700))
        fmt = rng.choice([f for f, _label in ResourcePage.FORMATS])
        english = None
        for code in langs:
            title, summary = texts[code]
            page = ResourcePage(
                title=f"{title} {i + 1}",
                slug=f"{MARKER}{i:04d}-{slugify(texts['en'][0])}",
                summary=summary,
                resource_format=fmt,
                audience=rng.choice([a for a, _label in ResourcePage.AUDIENCES]),
                content_language=code,
                estimated_minutes=rng.choice([10, 20, 45]),
                body=[("paragraph", f"<p>{summary}</p>")],
                locale=resource_parents[code].locale,
            )
            if english is not None:
                page.translation_key = english.translation_key
            page = add(resource_parents[code], page, when)
            english = english or page
    for i in range(scaled("news", factor)):
        texts = NEWS[i % len(NEWS)]
        when = now - timedelta(days=rng.randint(1, 700))
        english = None
        for code in langs:
            title, summary = texts[code]
            page = NewsPage(
                title=f"{title.format(n=5 + i % 20)} ({i + 1})",
                slug=f"{MARKER}{i:04d}-{slugify(texts['en'][0].format(n=5 + i % 20))}",
                date=when.date(),
                category=rng.choice([c for c, _label in NewsPage.CATEGORIES]),
                summary=summary.format(n=5 + i % 20),
                body=[("paragraph", f"<p>{summary.format(n=5 + i % 20)}</p>")],
                locale=news_parents[code].locale,
            )
            if english is not None:
                page.translation_key = english.translation_key
            page = add(news_parents[code], page, when)
            english = english or page

    # Events: half past, half to come; registrations by the large world's teachers.
    teachers = [t[0] for t in large_teachers()]
    n_events = scaled("events", factor)
    per_event = max(1, scaled("registrations", factor) // n_events)
    registrations = []
    for i in range(n_events):
        title, kind = EVENTS[i % len(EVENTS)]
        start = (now + timedelta(days=rng.randint(-300, 300))).replace(minute=0, second=0, microsecond=0)
        event = add(
            event_parent,
            EventPage(
                title=f"{title} {i + 1}",
                slug=f"{MARKER}{i:04d}-{slugify(title)}",
                summary=f"{title}: for teachers of every region.",
                kind=kind,
                start=start,
                end=start + timedelta(hours=6),
                mode="online" if kind == "webinar" else "in_person",
                venue="" if kind == "webinar" else "Regional teachers' centre",
                online_url="https://meet.example.org/teachers" if kind == "webinar" else "",
                capacity=per_event + per_event // 2,
                registration_closes=start - timedelta(days=1),
                body=[("paragraph", f"<p>{title}.</p>")],
                locale=event_parent.locale,
            ),
            now - timedelta(days=rng.randint(10, 60)) if start > now else start - timedelta(days=30),
        )
        for user_id in rng.sample(teachers, k=min(per_event, len(teachers))):
            roll = rng.random()
            status = (
                EventRegistration.CANCELLED
                if roll < 0.05
                else (EventRegistration.WAITING if roll < 0.08 else EventRegistration.CONFIRMED)
            )
            registrations.append(
                EventRegistration(
                    event=event,
                    user_id=user_id,
                    status=status,
                    created_at=start - timedelta(days=rng.randint(2, 25)),
                    attended=start < now and status == EventRegistration.CONFIRMED and rng.random() < 0.8,
                )
            )
    EventRegistration.objects.bulk_create(registrations, batch_size=5_000)
    stdout.write(
        f"large cms: {pages} pages ({', '.join(langs)}; {n_events} of them events), "
        f"{len(registrations)} registrations"
    )
