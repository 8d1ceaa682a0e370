"""The demo site in the other interface languages: Azerbaijani and Russian by hand, the
languages added after them from the texts below (home, sections, the guide, the conference)."""

from wagtail.models import Locale

from .demo_pages import translate
from .models import Topic

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


def translate_demo(*, az, ru, home, sections, guide, workshop, conference, symposium, news_pages, topics):
    """Translate the demo pages and topics; returns the translated section pages."""
    resources, events, news = sections
    az_home = translate(
        home,
        az,
        title="Teacher Commons",
        intro="<p>Teacher Commons kənd və regional müəllimlərin birlikdə öyrəndiyi məkandır: "
        "<b>tədris materialları</b>, qeydiyyatlı <b>tədbirlər</b>, öyrənmə icmaları və məktəblərarası layihələr.</p>",
    )
    ru_home = translate(
        home,
        ru,
        title="Teacher Commons",
        intro="<p>Teacher Commons — место, где сельские и региональные учителя учатся вместе: "
        "<b>учебные материалы</b>, <b>мероприятия</b> с регистрацией, учебные сообщества и проекты между школами.</p>",
    )
    az_sections = [
        translate(
            resources,
            az,
            title="Resurslar",
            intro="<p>Müəllimlər üçün bələdçilər, dərs planları və yazılar.</p>",
        ),
        translate(
            events,
            az,
            title="Tədbirlər",
            intro="<p>Konfranslar, seminarlar, simpoziumlar və vebinarlar.</p>",
        ),
        translate(news, az, title="Xəbərlər", intro="<p>Nə baş verir.</p>"),
    ]
    ru_sections = [
        translate(
            resources,
            ru,
            title="Материалы",
            intro="<p>Руководства, планы уроков, слайды и записи.</p>",
        ),
        translate(
            events,
            ru,
            title="Мероприятия",
            intro="<p>Конференции, семинары, симпозиумы и вебинары.</p>",
        ),
        translate(news, ru, title="Новости", intro="<p>Что происходит.</p>"),
    ]
    translate(
        guide,
        az,
        title="İnklüziv tədris təcrübəsi: praktik bələdçi",
        summary="Hər şagirdin iştirakına imkan verən kiçik dəyişikliklər: oturma düzülüşü, təlimatlar, "
        "çevik tapşırıqlar və qiymətləndirmə.",
        content_language="az",
    )
    translate(
        guide,
        ru,
        title="Инклюзивное преподавание: практическое руководство",
        summary="Небольшие изменения, которые позволяют участвовать каждому ученику: рассадка, "
        "инструкции, гибкие задания и оценивание.",
        content_language="ru",
    )
    translate(
        workshop,
        az,
        title="Kənd məktəbləri üçün müəllim liderliyi seminarı",
        summary="Kiçik kənd məktəblərində dəyişikliyə rəhbərlik etmək istəyən müəllimlər üçün bir günlük seminar.",
    )
    translate(
        conference,
        az,
        title="Layihə əsaslı təlim üzrə regional konfrans",
        summary="16 regiondan 59 müəllim 26 birgə layihə təqdim etdi; ilin ən yaradıcı layihəsi mükafatlandırıldı.",
    )
    translate(
        symposium,
        ru,
        title="Симпозиум по политике в отношении учителей",
        summary="Учителя, руководители школ и политики о карьерных траекториях и профессиональном развитии.",
    )
    translate(
        news_pages[0],
        az,
        title="Müəllim liderliyi seminarına qeydiyyat açıldı",
        summary="Kənd məktəblərindən olan müəllimlər üçün 25 yer; qeydiyyat tədbir səhifəsindədir.",
    )
    translate(
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
        translate(home, locale, title="Teacher Commons", intro=texts["home"])
        for section, key in ((resources, "resources"), (events, "events"), (news, "news")):
            title, intro = texts[key]
            more_sections.append(translate(section, locale, title=title, intro=intro))
        title, summary = texts["guide"]
        translate(guide, locale, title=title, summary=summary, content_language=code)
        title, summary = texts["conference"]
        translated = translate(conference, locale, title=title, summary=summary)
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
    return [*az_sections, *ru_sections, *more_sections]
