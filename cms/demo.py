"""Demo CMS content in English with Azerbaijani and Russian translations.

Replaces Wagtail's welcome page with the HomePage, builds the resource, event
and news sections, gives the Editors/Moderators groups their sections and the
review workflow, and adds a few registrations. Nothing is fetched from the
internet: videos are stored as URLs and rendered without oEmbed.
"""

from datetime import timedelta

from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import Locale, Page, Site

from community.demo import DEMO_ACCOUNTS, DEMO_PASSWORD
from community.models import User

from . import editorial
from .demo_events import seed_events
from .demo_pages import PDF_BYTES, document, image, publish, seed_resources
from .demo_translations import translate_demo
from .models import (
    EventIndexPage,
    EventRegistration,
    HomePage,
    NewsIndexPage,
    NewsPage,
    PartnerOrganisation,
    ResourceIndexPage,
    Topic,
)

MODERATOR_EMAIL = "moderator@teachercommons.example"
EDITOR_EMAIL = "editor@teachercommons.example"


def _rt(html):
    return html


def seed(stdout):
    if HomePage.objects.exists():
        stdout.write("cms: demo content already present")
        return

    en = Locale.objects.get(language_code="en")
    az = Locale.objects.get(language_code="az")
    ru = Locale.objects.get(language_code="ru")
    accounts = {role: User.objects.get(email=email) for role, email in DEMO_ACCOUNTS}

    # --- people: editor in Editors, a moderator in Moderators -------------------------------
    accounts["editor"].groups.add(Group.objects.get(name="Editors"))
    moderator, _ = User.objects.get_or_create(
        email=MODERATOR_EMAIL,
        defaults={
            "username": "leyla-hasanova",
            "email_confirmed": True,
            "first_name": "Leyla",
            "last_name": "Hasanova",
        },
    )
    moderator.set_password(DEMO_PASSWORD)
    moderator.save()
    moderator.groups.add(Group.objects.get(name="Moderators"))

    # --- home page replaces Wagtail's welcome page --------------------------------------------
    root = Page.get_first_root_node()
    site = Site.objects.filter(is_default_site=True).first()
    old_root = site.root_page if site else None
    if old_root is not None:
        old_root.slug = "welcome-replaced"
        old_root.save()
    home = root.add_child(
        instance=HomePage(
            title="Teacher Commons",
            slug="home",
            locale=en,
            intro=_rt(
                "<p>Teacher Commons is where rural and regional teachers learn together: "
                "<b>training materials</b>, <b>events</b> with registration, learning communities "
                "and cross-school projects.</p>"
            ),
        )
    )
    if site is None:
        site = Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True
        )
    else:
        site.root_page = home
        site.site_name = "Teacher Commons"
        site.save()
    if old_root is not None and old_root.pk != home.pk:
        old_root.delete()
    Site.clear_site_root_paths_cache()
    publish(home)

    # --- snippets -------------------------------------------------------------------------------
    topics = {}
    for slug, name, names in [
        ("inclusive-education", "Inclusive education", {az: "İnklüziv təhsil", ru: "Инклюзивное образование"}),
        ("ict-in-education", "ICT in education", {az: "Təhsildə İKT", ru: "ИКТ в образовании"}),
        ("project-based-learning", "Project-based learning", {az: "Layihə əsaslı təlim", ru: "Проектное обучение"}),
        ("teacher-leadership", "Teacher leadership", {az: "Müəllim liderliyi", ru: "Лидерство учителей"}),
        ("education-policy", "Education policy", {az: "Təhsil siyasəti", ru: "Образовательная политика"}),
    ]:
        topics[slug], _ = Topic.objects.get_or_create(slug=slug, locale=en, defaults={"name": name})
        for locale, translated in names.items():
            Topic.objects.get_or_create(
                translation_key=topics[slug].translation_key,
                locale=locale,
                defaults={"slug": slug, "name": translated},
            )
    partners = {}
    for name, website in [
        ("Regional Teacher Development Centre", "https://example.org/rtdc"),
        ("Rural Schools Network", "https://example.org/rural-schools"),
        ("Open Education Foundation", "https://example.org/open-education"),
    ]:
        partners[name], _ = PartnerOrganisation.objects.get_or_create(
            name=name, defaults={"website": website, "description": f"{name} (demo partner)."}
        )

    # --- sections -------------------------------------------------------------------------------
    resources = home.add_child(
        instance=ResourceIndexPage(
            title="Resources",
            slug="resources",
            intro="<p>Guides, lesson plans, slides and recordings made by and for teachers.</p>",
        )
    )
    events = home.add_child(
        instance=EventIndexPage(
            title="Events",
            slug="events",
            intro="<p>Conferences, workshops, symposiums and webinars.</p>",
        )
    )
    news = home.add_child(
        instance=NewsIndexPage(title="News", slug="news", intro="<p>What is happening.</p>")
    )
    for page in (resources, events, news):
        publish(page)

    photo = image("Teachers sitting in a circle")
    slides = document("PBL conference slides", "pbl-conference-slides.pdf", PDF_BYTES)
    checklist = document(
        "Inclusive classroom checklist",
        "inclusive-classroom-checklist.txt",
        b"Inclusive classroom checklist\n- Seat every learner where they can see and hear\n"
        b"- Offer two ways to show understanding\n- Agree classroom signals together\n",
    )

    guide = seed_resources(home, resources, topics, photo=photo, checklist=checklist)
    workshop, conference, symposium = seed_events(
        events, topics=topics, partners=partners, organiser=accounts["ambassador"], slides=slides
    )

    # --- news ---------------------------------------------------------------------------------------
    today = timezone.localdate()
    news_pages = []
    for days, title, category, summary in [
        (
            2,
            "Registration opens for the teacher leadership workshop",
            "announcement",
            "25 places for teachers from rural schools; register on the event page.",
        ),
        (
            55,
            "26 joint projects at the regional PBL conference",
            "report",
            "59 teachers from 16 regions met in Lankaran; slides and the recording are online.",
        ),
        (
            10,
            "Call for mentors in inclusive education",
            "opportunity",
            "Experienced teachers can mentor colleagues who are starting with inclusive practice.",
        ),
    ]:
        item = news.add_child(
            instance=NewsPage(
                title=title,
                date=today - timedelta(days=days),
                category=category,
                summary=summary,
                body=[("paragraph", f"<p>{summary}</p>")],
            )
        )
        publish(item)
        news_pages.append(item)
    news_pages[1].topics.set([topics["project-based-learning"]])
    publish(news_pages[1])

    translated_sections = translate_demo(
        az=az,
        ru=ru,
        home=home,
        sections=(resources, events, news),
        guide=guide,
        workshop=workshop,
        conference=conference,
        symposium=symposium,
        news_pages=news_pages,
        topics=topics,
    )

    # --- editors' workflow on the sections, in every language --------------------------------------
    editorial.assign_sections([resources, events, news, *translated_sections])

    # --- registrations ---------------------------------------------------------------------------------
    teacher = accounts["teacher"]
    EventRegistration.objects.get_or_create(event=workshop, user=teacher)
    EventRegistration.objects.get_or_create(
        event=conference,
        user=teacher,
        defaults={"attended": True, "attendance_marked_by": accounts["ambassador"]},
    )
    EventRegistration.objects.get_or_create(event=symposium, user=accounts["ambassador"])
    stdout.write("cms: home, resources, events, news in every language; Editors and Moderators set up")
