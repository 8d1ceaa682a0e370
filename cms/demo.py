"""Demo CMS content in English with Azerbaijani and Russian translations.

Replaces Wagtail's welcome page with the HomePage, builds the resource, event
and news sections, gives the Editors/Moderators groups their sections and the
review workflow, and adds a few registrations. Nothing is fetched from the
internet: videos are stored as URLs and rendered without oEmbed.
"""

import io
from datetime import time, timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>endobj\n"
    b"4 0 obj<</Length 86>>stream\nBT /F1 24 Tf 60 760 Td (Project-based learning: regional conference) Tj ET\nendstream endobj\n"
    b"5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)

MODERATOR_EMAIL = "moderator@teachercommons.example"
EDITOR_EMAIL = "editor@teachercommons.example"


def _rt(html):
    return html


def _image(title):
    from PIL import Image as PILImage
    from wagtail.images.models import Image

    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    buffer = io.BytesIO()
    picture = PILImage.new("RGB", (1200, 675), (32, 96, 128))
    for x in range(0, 1200, 40):
        for y in range(0, 675, 300):
            picture.putpixel((x, y), (250, 220, 120))
    picture.save(buffer, format="PNG")
    from django.core.files.images import ImageFile

    buffer.seek(0)
    image = Image(title=title, file=ImageFile(buffer, name="classroom-circle.png"))
    image.save()
    return image


def _document(title, filename, data):
    from wagtail.documents.models import Document

    existing = Document.objects.filter(title=title).first()
    if existing:
        return existing
    document = Document(title=title)
    document.file.save(filename, ContentFile(data), save=False)
    document.save()
    return document


def _publish(page):
    page.save_revision().publish()
    return page


#: The demo's home, sections, one guide and one conference in the languages added after az and ru:
#: (home intro, resources, events, news: title and intro; the guide and the conference: title, summary).
MORE_LANGUAGES = {
    "kk": {
        "sessions": [('Ашылу: мектептер арасындағы жобалар не үшін керек', 'Конференция комитеті'), ('Жобалар жәрмеңкесі: 26 бірлескен жоба', 'Мұғалімдер топтары'), ('Жоба жұмысын әділ бағалау', 'Пікірталас панелі'), ('Марапат: жылдың ең шығармашыл жобасы', 'Қазылар алқасы')],
        "home": "<p>Teacher Commons — ауыл және аймақ мұғалімдері бірге үйренетін орын: <b>оқу материалдары</b>, "
        "тіркелуі бар <b>іс-шаралар</b>, оқу қауымдастықтары және мектептер арасындағы жобалар.</p>",
        "resources": ("Материалдар", "<p>Мұғалімдерге арналған нұсқаулықтар, сабақ жоспарлары, слайдтар мен жазбалар.</p>"),
        "events": ("Іс-шаралар", "<p>Конференциялар, семинарлар, симпозиумдар және вебинарлар.</p>"),
        "news": ("Жаңалықтар", "<p>Не болып жатыр.</p>"),
        "guide": (
            "Инклюзивті оқыту: практикалық нұсқаулық",
            "Әр оқушының қатысуына мүмкіндік беретін шағын өзгерістер: отыру тәртібі, нұсқаулар, "
            "икемді тапсырмалар және бағалау.",
        ),
        "conference": (
            "Жобалық оқыту бойынша аймақтық конференция",
            "16 аймақтан келген 59 мұғалім 26 бірлескен жобаны ұсынды; жылдың ең шығармашыл жобасы марапатталды.",
        ),
    },
    "ky": {
        "sessions": [('Ачылыш: мектептер аралык долбоорлор эмне үчүн керек', 'Конференциянын комитети'), ('Долбоорлор жарманкеси: 26 биргелешкен долбоор', 'Мугалимдердин топтору'), ('Долбоордук ишти адилет баалоо', 'Талкуу панели'), ('Сыйлык: жылдын эң чыгармачыл долбоору', 'Калыстар тобу')],
        "home": "<p>Teacher Commons — айыл жана аймак мугалимдери чогуу үйрөнгөн жай: <b>окуу материалдары</b>, "
        "катталуусу бар <b>иш-чаралар</b>, окуу коомчулуктары жана мектептер аралык долбоорлор.</p>",
        "resources": ("Материалдар", "<p>Мугалимдер үчүн колдонмолор, сабак пландары, слайддар жана жазуулар.</p>"),
        "events": ("Иш-чаралар", "<p>Конференциялар, семинарлар, симпозиумдар жана вебинарлар.</p>"),
        "news": ("Жаңылыктар", "<p>Эмне болуп жатат.</p>"),
        "guide": (
            "Инклюзивдүү окутуу: практикалык колдонмо",
            "Ар бир окуучунун катышуусуна мүмкүндүк берген чакан өзгөрүүлөр: отургузуу, нускамалар, "
            "ийкемдүү тапшырмалар жана баалоо.",
        ),
        "conference": (
            "Долбоордук окутуу боюнча аймактык конференция",
            "16 аймактан келген 59 мугалим 26 биргелешкен долбоорду сунуштады; жылдын эң чыгармачыл долбоору сыйланды.",
        ),
    },
    "uz": {
        "sessions": [('Ochilish: maktablararo loyihalar nega kerak', 'Konferensiya qoʻmitasi'), ('Loyihalar yarmarkasi: 26 ta qoʻshma loyiha', 'Oʻqituvchilar jamoalari'), ('Loyiha ishini adolatli baholash', 'Muhokama paneli'), ('Mukofot: yilning eng ijodiy loyihasi', 'Hakamlar hayʼati')],
        "home": "<p>Teacher Commons — qishloq va hudud oʻqituvchilari birga oʻrganadigan joy: <b>oʻquv materiallari</b>, "
        "roʻyxatdan oʻtiladigan <b>tadbirlar</b>, oʻquv hamjamiyatlari va maktablararo loyihalar.</p>",
        "resources": ("Materiallar", "<p>Oʻqituvchilar uchun qoʻllanmalar, dars rejalari, slaydlar va yozuvlar.</p>"),
        "events": ("Tadbirlar", "<p>Konferensiyalar, seminarlar, simpoziumlar va vebinarlar.</p>"),
        "news": ("Yangiliklar", "<p>Nimalar boʻlyapti.</p>"),
        "guide": (
            "Inklyuziv taʼlim: amaliy qoʻllanma",
            "Har bir oʻquvchining ishtirokiga imkon beradigan kichik oʻzgarishlar: oʻtirish tartibi, koʻrsatmalar, "
            "moslashuvchan topshiriqlar va baholash.",
        ),
        "conference": (
            "Loyihaviy taʼlim boʻyicha hududiy konferensiya",
            "16 hududdan 59 oʻqituvchi 26 ta qoʻshma loyihani taqdim etdi; yilning eng ijodiy loyihasi taqdirlandi.",
        ),
    },
    "tg": {
        "sessions": [('Ифтитоҳ: лоиҳаҳои байнимактабӣ барои чӣ лозиманд', 'Кумитаи конфронс'), ('Ярмаркаи лоиҳаҳо: 26 лоиҳаи муштарак', 'Гурӯҳҳои муаллимон'), ('Арзёбии одилонаи кори лоиҳавӣ', 'Панели муҳокима'), ('Мукофот: эҷодкортарин лоиҳаи сол', 'Ҳакамон')],
        "home": "<p>Teacher Commons — ҷойест, ки муаллимони деҳот ва минтақаҳо якҷоя меомӯзанд: <b>маводи таълимӣ</b>, "
        "<b>чорабиниҳо</b> бо бақайдгирӣ, ҷомеаҳои таълимӣ ва лоиҳаҳои байнимактабӣ.</p>",
        "resources": ("Маводҳо", "<p>Дастурҳо, нақшаҳои дарс, слайдҳо ва сабтҳо барои муаллимон.</p>"),
        "events": ("Чорабиниҳо", "<p>Конфронсҳо, семинарҳо, симпозиумҳо ва вебинарҳо.</p>"),
        "news": ("Хабарҳо", "<p>Чӣ рӯй дода истодааст.</p>"),
        "guide": (
            "Таълими фарогир: дастури амалӣ",
            "Тағйироти хурде, ки ба иштироки ҳар як хонанда имкон медиҳанд: ҷойгиршавӣ, дастурҳо, "
            "супоришҳои чандир ва арзёбӣ.",
        ),
        "conference": (
            "Конфронси минтақавӣ оид ба таълими лоиҳавӣ",
            "59 муаллим аз 16 минтақа 26 лоиҳаи муштаракро пешниҳод карданд; эҷодкортарин лоиҳаи сол мукофотонида шуд.",
        ),
    },
    "tr": {
        "sessions": [('Açılış: okullar arası projeler neden önemli', 'Konferans komitesi'), ('Proje fuarı: 26 ortak proje', 'Öğretmen ekipleri'), ('Proje çalışmasını adil değerlendirmek', 'Panel üyeleri'), ('Ödül: yılın en yaratıcı projesi', 'Jüri')],
        "home": "<p>Teacher Commons, kırsal ve bölgesel okulların öğretmenlerinin birlikte öğrendiği yerdir: "
        "<b>eğitim materyalleri</b>, kayıtlı <b>etkinlikler</b>, öğrenme toplulukları ve okullar arası projeler.</p>",
        "resources": ("Kaynaklar", "<p>Öğretmenler için rehberler, ders planları, slaytlar ve kayıtlar.</p>"),
        "events": ("Etkinlikler", "<p>Konferanslar, çalıştaylar, sempozyumlar ve web seminerleri.</p>"),
        "news": ("Haberler", "<p>Neler oluyor.</p>"),
        "guide": (
            "Kapsayıcı öğretim: uygulamalı rehber",
            "Her öğrencinin katılımını sağlayan küçük değişiklikler: oturma düzeni, yönergeler, "
            "esnek görevler ve değerlendirme.",
        ),
        "conference": (
            "Proje tabanlı öğrenme bölgesel konferansı",
            "16 bölgeden 59 öğretmen 26 ortak proje sundu; yılın en yaratıcı projesi ödüllendirildi.",
        ),
    },
}

#: The demo topics in the same languages.
MORE_TOPIC_NAMES = {
    "inclusive-education": {
        "kk": "Инклюзивті білім", "ky": "Инклюзивдүү билим", "uz": "Inklyuziv taʼlim",
        "tg": "Таълими фарогир", "tr": "Kapsayıcı eğitim",
    },
    "ict-in-education": {
        "kk": "Білім берудегі АКТ", "ky": "Билим берүүдөгү МКТ", "uz": "Taʼlimda AKT",
        "tg": "ТИК дар маориф", "tr": "Eğitimde BİT",
    },
    "project-based-learning": {
        "kk": "Жобалық оқыту", "ky": "Долбоордук окутуу", "uz": "Loyihaviy taʼlim",
        "tg": "Таълими лоиҳавӣ", "tr": "Proje tabanlı öğrenme",
    },
    "teacher-leadership": {
        "kk": "Мұғалім көшбасшылығы", "ky": "Мугалимдин лидерлиги", "uz": "Oʻqituvchi yetakchiligi",
        "tg": "Пешвоии муаллим", "tr": "Öğretmen liderliği",
    },
    "education-policy": {
        "kk": "Білім беру саясаты", "ky": "Билим берүү саясаты", "uz": "Taʼlim siyosati",
        "tg": "Сиёсати маориф", "tr": "Eğitim politikası",
    },
}


def _translate(page, locale, **fields):
    """Copy `page` into `locale` (parents too), set translated fields, publish."""
    translated = page.get_translation_or_none(locale)
    if translated is None:
        translated = page.copy_for_translation(locale, copy_parents=True)
    translated = translated.specific
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save()
    _publish(translated)
    return translated


def seed(stdout):
    from django.contrib.auth.models import Group
    from wagtail.models import Locale, Page, PageViewRestriction, Site

    from community.demo import DEMO_ACCOUNTS, DEMO_PASSWORD
    from community.models import User

    from . import editorial
    from .models import (
        EventIndexPage,
        EventPage,
        EventRegistration,
        EventSession,
        HomePage,
        NewsIndexPage,
        NewsPage,
        PartnerOrganisation,
        ResourceDocument,
        ResourceIndexPage,
        ResourcePage,
        Topic,
    )

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
    _publish(home)

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
        _publish(page)

    photo = _image("Teachers sitting in a circle")
    slides = _document("PBL conference slides", "pbl-conference-slides.pdf", PDF_BYTES)
    checklist = _document(
        "Inclusive classroom checklist",
        "inclusive-classroom-checklist.txt",
        b"Inclusive classroom checklist\n- Seat every learner where they can see and hear\n"
        b"- Offer two ways to show understanding\n- Agree classroom signals together\n",
    )

    guide = resources.add_child(
        instance=ResourcePage(
            title="Inclusive teaching practice: a practical guide",
            slug="inclusive-teaching-practice",
            summary="Small changes that let every learner take part: seating, instructions, "
            "flexible tasks and assessment, with examples from village schools.",
            resource_format="guide",
            audience="all",
            content_language="en",
            estimated_minutes=45,
            licence="cc-by-4.0",
            body=[
                ("heading", "Why inclusion starts with routines"),
                (
                    "paragraph",
                    "<p>Inclusive teaching is not a special programme. It is a set of everyday routines "
                    "that make lessons work for learners with different needs, languages and paces.</p>",
                ),
                (
                    "image",
                    {
                        "image": photo,
                        "alt_text": "Teachers sitting in a circle during a workshop, discussing a lesson plan",
                        "caption": "A lesson study circle in a rural school",
                    },
                ),
                (
                    "steps",
                    {
                        "title": "Five steps for your next lesson",
                        "steps": [
                            {
                                "title": "Arrange seating so every learner sees the board",
                                "text": "",
                            },
                            {"title": "Give instructions both spoken and written", "text": ""},
                            {"title": "Offer two ways to complete the task", "text": ""},
                            {"title": "Check understanding with a quick signal", "text": ""},
                            {"title": "Reflect with a colleague after the lesson", "text": ""},
                        ],
                    },
                ),
                (
                    "callout",
                    {
                        "kind": "tip",
                        "title": "Start small",
                        "text": "<p>Pick one routine and keep it for a month before adding the next.</p>",
                    },
                ),
                (
                    "quote",
                    {
                        "text": "When I changed how I give instructions, three quiet pupils started answering.",
                        "attribution": "A primary teacher from Shaki",
                    },
                ),
                ("document", {"document": checklist, "title": "Inclusive classroom checklist"}),
            ],
        )
    )
    guide.topics.set([topics["inclusive-education"]])
    ResourceDocument.objects.create(
        page=guide, document=checklist, title="Checklist (text)", sort_order=0
    )
    _publish(guide)

    more_resources = [
        (
            "Using one shared tablet in a multi-grade class",
            "A lesson plan for classes where several grades share one room and one device.",
            "lesson_plan",
            "primary",
            "ict-in-education",
            30,
        ),
        (
            "Project-based learning toolkit",
            "Templates for planning, running and presenting a cross-school project.",
            "toolkit",
            "lower_secondary",
            "project-based-learning",
            90,
        ),
        (
            "Leading change in a small school",
            "Slides from a teacher-leadership session: building a team of two or three colleagues.",
            "slides",
            "all",
            "teacher-leadership",
            20,
        ),
    ]
    resource_pages = [guide]
    for title, summary, fmt, audience, topic, minutes in more_resources:
        page = resources.add_child(
            instance=ResourcePage(
                title=title,
                summary=summary,
                resource_format=fmt,
                audience=audience,
                estimated_minutes=minutes,
                body=[("paragraph", f"<p>{summary}</p>")],
            )
        )
        page.topics.set([topics[topic]])
        _publish(page)
        resource_pages.append(page)

    members_only = resources.add_child(
        instance=ResourcePage(
            title="Mentoring notes for signed-in teachers",
            slug="mentoring-notes",
            summary="Notes shared only with signed-in members of Teacher Commons.",
            resource_format="guide",
            body=[("paragraph", "<p>Mentoring notes for members.</p>")],
        )
    )
    _publish(members_only)
    PageViewRestriction.objects.create(
        page=members_only, restriction_type=PageViewRestriction.LOGIN
    )

    for index, resource in enumerate(resource_pages[:3]):
        home.featured_resources.create(resource=resource, sort_order=index)
    _publish(home)

    # --- events ------------------------------------------------------------------------------------
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    workshop_start = (now + timedelta(days=21)).replace(hour=6)
    workshop = events.add_child(
        instance=EventPage(
            title="Teacher leadership workshop for rural schools",
            slug="teacher-leadership-workshop",
            summary="A one-day workshop for teachers who want to lead change in small rural schools.",
            kind="workshop",
            start=workshop_start,
            end=workshop_start + timedelta(hours=7),
            time_zone="Asia/Baku",
            mode="in_person",
            venue="Regional Teacher Development Centre, Ganja",
            capacity=25,
            registration_opens=now - timedelta(days=7),
            registration_closes=workshop_start - timedelta(days=1),
            hours=6,
            body=[
                (
                    "paragraph",
                    "<p>Bring one idea you want to try in your school this year; leave with a plan "
                    "and two colleagues to try it with.</p>",
                )
            ],
        )
    )
    workshop.topics.set([topics["teacher-leadership"]])
    workshop.partners.set(
        [partners["Regional Teacher Development Centre"], partners["Rural Schools Network"]]
    )
    workshop.organisers.set([accounts["ambassador"]])
    agenda = [
        (time(10, 0), time(10, 30), "Welcome and introductions", "Rashad Aliyev"),
        (
            time(10, 30),
            time(12, 0),
            "What teacher leadership looks like in a village school",
            "Guest speaker",
        ),
        (
            time(13, 0),
            time(14, 30),
            "Planning a change: from idea to first step",
            "Workshop facilitators",
        ),
        (time(14, 45), time(16, 0), "Peer feedback and next steps", "All participants"),
    ]
    for order, (start, end, title, speakers) in enumerate(agenda):
        EventSession.objects.create(
            page=workshop,
            starts_at=start,
            ends_at=end,
            title=title,
            speakers=speakers,
            sort_order=order,
        )
    _publish(workshop)

    conference_start = (now - timedelta(days=60)).replace(hour=5)
    conference = events.add_child(
        instance=EventPage(
            title="Regional conference on project-based learning",
            slug="project-based-learning-conference",
            summary="59 teachers from 16 regions presented 26 joint projects; the most creative "
            "project of the year received an award.",
            kind="conference",
            start=conference_start,
            end=conference_start + timedelta(days=1, hours=8),
            time_zone="Asia/Baku",
            mode="hybrid",
            venue="Lankaran Regional Education Office",
            online_url="https://example.org/pbl-conference-live",
            capacity=80,
            hours=12,
            slides=slides,
            recording_url="https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            body=[
                (
                    "paragraph",
                    "<p>59 teachers from 16 regions met for two days to share 26 joint projects built "
                    "with partner schools. A jury of teachers chose the <b>most creative project of the "
                    "year</b>.</p>",
                ),
                ("video", "https://www.youtube.com/watch?v=dQw4w9WgXcQ"),
            ],
        )
    )
    conference.topics.set([topics["project-based-learning"]])
    conference.partners.set([partners["Open Education Foundation"]])
    conference.organisers.set([accounts["ambassador"]])
    for order, (start, end, title, speakers, day) in enumerate(
        [
            (
                time(9, 0),
                time(10, 0),
                "Opening: why projects between schools",
                "Conference committee",
                1,
            ),
            (time(10, 15), time(13, 0), "Project fair: 26 joint projects", "Teacher teams", 1),
            (time(9, 30), time(11, 0), "Assessing project work fairly", "Panel", 2),
            (time(11, 30), time(12, 30), "Award: most creative project of the year", "Jury", 2),
        ]
    ):
        EventSession.objects.create(
            page=conference,
            starts_at=start,
            ends_at=end,
            title=title,
            speakers=speakers,
            day=day,
            sort_order=order,
        )
    _publish(conference)

    symposium_start = (now + timedelta(days=45)).replace(hour=7)
    symposium = events.add_child(
        instance=EventPage(
            title="Teacher policy symposium",
            slug="teacher-policy-symposium",
            summary="Teachers, school leaders and policy makers on career paths and professional development.",
            kind="symposium",
            start=symposium_start,
            end=symposium_start + timedelta(hours=6),
            time_zone="Asia/Baku",
            mode="hybrid",
            venue="Baku, Conference Hall of the Education Institute",
            online_url="https://example.org/policy-symposium",
            capacity=2,
            registration_opens=now - timedelta(days=1),
            hours=5,
            body=[
                (
                    "paragraph",
                    "<p>How can policy support teachers in rural and regional schools?</p>",
                )
            ],
        )
    )
    symposium.topics.set([topics["education-policy"], topics["teacher-leadership"]])
    symposium.partners.set([partners["Open Education Foundation"]])
    _publish(symposium)

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
        _publish(item)
        news_pages.append(item)
    news_pages[1].topics.set([topics["project-based-learning"]])
    _publish(news_pages[1])

    # --- translations -----------------------------------------------------------------------------
    az_home = _translate(
        home,
        az,
        title="Teacher Commons",
        intro="<p>Teacher Commons kənd və regional müəllimlərin birlikdə öyrəndiyi məkandır: "
        "<b>tədris materialları</b>, qeydiyyatlı <b>tədbirlər</b>, öyrənmə icmaları və məktəblərarası layihələr.</p>",
    )
    ru_home = _translate(
        home,
        ru,
        title="Teacher Commons",
        intro="<p>Teacher Commons — место, где сельские и региональные учителя учатся вместе: "
        "<b>учебные материалы</b>, <b>мероприятия</b> с регистрацией, учебные сообщества и проекты между школами.</p>",
    )
    az_sections = [
        _translate(
            resources,
            az,
            title="Resurslar",
            intro="<p>Müəllimlər üçün bələdçilər, dərs planları və yazılar.</p>",
        ),
        _translate(
            events,
            az,
            title="Tədbirlər",
            intro="<p>Konfranslar, seminarlar, simpoziumlar və vebinarlar.</p>",
        ),
        _translate(news, az, title="Xəbərlər", intro="<p>Nə baş verir.</p>"),
    ]
    ru_sections = [
        _translate(
            resources,
            ru,
            title="Материалы",
            intro="<p>Руководства, планы уроков, слайды и записи.</p>",
        ),
        _translate(
            events,
            ru,
            title="Мероприятия",
            intro="<p>Конференции, семинары, симпозиумы и вебинары.</p>",
        ),
        _translate(news, ru, title="Новости", intro="<p>Что происходит.</p>"),
    ]
    _translate(
        guide,
        az,
        title="İnklüziv tədris təcrübəsi: praktik bələdçi",
        summary="Hər şagirdin iştirakına imkan verən kiçik dəyişikliklər: oturma düzülüşü, təlimatlar, "
        "çevik tapşırıqlar və qiymətləndirmə.",
        content_language="az",
    )
    _translate(
        guide,
        ru,
        title="Инклюзивное преподавание: практическое руководство",
        summary="Небольшие изменения, которые позволяют участвовать каждому ученику: рассадка, "
        "инструкции, гибкие задания и оценивание.",
        content_language="ru",
    )
    _translate(
        workshop,
        az,
        title="Kənd məktəbləri üçün müəllim liderliyi seminarı",
        summary="Kiçik kənd məktəblərində dəyişikliyə rəhbərlik etmək istəyən müəllimlər üçün bir günlük seminar.",
    )
    _translate(
        conference,
        az,
        title="Layihə əsaslı təlim üzrə regional konfrans",
        summary="16 regiondan 59 müəllim 26 birgə layihə təqdim etdi; ilin ən yaradıcı layihəsi mükafatlandırıldı.",
    )
    _translate(
        symposium,
        ru,
        title="Симпозиум по политике в отношении учителей",
        summary="Учителя, руководители школ и политики о карьерных траекториях и профессиональном развитии.",
    )
    _translate(
        news_pages[0],
        az,
        title="Müəllim liderliyi seminarına qeydiyyat açıldı",
        summary="Kənd məktəblərindən olan müəllimlər üçün 25 yer; qeydiyyat tədbir səhifəsindədir.",
    )
    _translate(
        news_pages[1],
        ru,
        title="26 совместных проектов на региональной конференции по проектному обучению",
        summary="59 учителей из 16 регионов встретились в Ленкорани; слайды и запись доступны онлайн.",
    )
    del az_home, ru_home
    more_sections = []
    for code, texts in MORE_LANGUAGES.items():
        locale = Locale.objects.filter(language_code=code).first()
        if locale is None:  # a deployment that turned the language off (LANGUAGES_ENABLED)
            continue
        _translate(home, locale, title="Teacher Commons", intro=texts["home"])
        for section, key in ((resources, "resources"), (events, "events"), (news, "news")):
            title, intro = texts[key]
            more_sections.append(_translate(section, locale, title=title, intro=intro))
        title, summary = texts["guide"]
        _translate(guide, locale, title=title, summary=summary, content_language=code)
        title, summary = texts["conference"]
        translated = _translate(conference, locale, title=title, summary=summary)
        for session, (name, speakers) in zip(
            translated.sessions.order_by("day", "starts_at"), texts["sessions"], strict=False
        ):
            session.title, session.speakers = name, speakers
            session.save(update_fields=["title", "speakers"])
        for slug, names in MORE_TOPIC_NAMES.items():
            Topic.objects.get_or_create(
                translation_key=topics[slug].translation_key,
                locale=locale,
                defaults={"slug": slug, "name": names[code], "description": topics[slug].description},
            )

    # --- editors' workflow on the sections, in every language --------------------------------------
    editorial.assign_sections([resources, events, news, *az_sections, *ru_sections, *more_sections])

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
