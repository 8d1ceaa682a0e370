"""Kazakh, Kyrgyz, Uzbek, Tajik and Turkish names of the reference data (0002_reference_data).

Rows are matched as in 0004_localized_reference_names: countries and languages by code,
regions by country code and English name, subjects by slug. Only blank names are filled,
so names edited in the admin are kept if this runs again. Each tuple is (kk, ky, uz, tg, tr).

Spelling: Kazakh, Kyrgyz and Tajik in Cyrillic, Uzbek in the official Latin alphabet
(oʻ, gʻ with U+02BB), Turkish in its own alphabet. Oblasts follow each language's usual
form (Ақмола облысы, Чүй облусу, Andijon viloyati, вилояти Суғд, Akmola ili). The Turkish
provinces keep their official spelling in Uzbek and Turkish and the established Cyrillic
form (the Russian one) in Kazakh, Kyrgyz and Tajik.
"""

from django.db import migrations

CODES = ("kk", "ky", "uz", "tg", "tr")

COUNTRIES = {
    "AZ": ("Әзірбайжан", "Азербайжан", "Ozarbayjon", "Озарбойҷон", "Azerbaycan"),
    "KZ": ("Қазақстан", "Казакстан", "Qozogʻiston", "Қазоқистон", "Kazakistan"),
    "KG": ("Қырғызстан", "Кыргызстан", "Qirgʻiziston", "Қирғизистон", "Kırgızistan"),
    "TJ": ("Тәжікстан", "Тажикстан", "Tojikiston", "Тоҷикистон", "Tacikistan"),
    "UZ": ("Өзбекстан", "Өзбекстан", "Oʻzbekiston", "Ӯзбекистон", "Özbekistan"),
    "TR": ("Түркия", "Түркия", "Turkiya", "Туркия", "Türkiye"),
}

REGIONS = {
    "AZ": {
        "Baku": ("Баку", "Баку", "Boku", "Боку", "Bakü"),
        "Absheron-Khizi": ("Абшерон-Хызы", "Абшерон-Хызы", "Absheron-Xizi", "Абшерон-Хизи", "Abşeron-Hızı"),
        "Mountainous Shirvan": ("Таулы Ширван", "Тоолуу Ширван", "Togʻli Shirvon", "Ширвони Кӯҳӣ", "Dağlık Şirvan"),
        "Ganja-Dashkasan": ("Гянджа-Дашкесан", "Гянджа-Дашкесан", "Ganja-Dashkasan", "Ганҷа-Дашкесан", "Gence-Daşkesen"),
        "Garabagh": ("Қарабақ", "Карабак", "Qorabogʻ", "Қарабоғ", "Karabağ"),
        "Gazakh-Tovuz": ("Қазақ-Товуз", "Казак-Товуз", "Qozoq-Tovuz", "Қазоқ-Товуз", "Kazak-Tovuz"),
        "Guba-Khachmaz": ("Губа-Хачмаз", "Губа-Хачмаз", "Quba-Xachmaz", "Губа-Хачмаз", "Kuba-Haçmaz"),
        "Lankaran-Astara": ("Ленкорань-Астара", "Ленкорань-Астара", "Lankaran-Astara", "Ленкорон-Астара", "Lenkeran-Astara"),
        "Central Aran": ("Орталық Аран", "Борбордук Аран", "Markaziy Aran", "Арани Марказӣ", "Merkezi Aran"),
        "Mil-Mughan": ("Миль-Муған", "Миль-Муган", "Mil-Mugʻan", "Мил-Муғон", "Mil-Muğan"),
        "Shaki-Zagatala": ("Шеки-Закатала", "Шеки-Закатала", "Shaki-Zaqatala", "Шеки-Закатала", "Şeki-Zakatala"),
        "Shirvan-Salyan": ("Ширван-Сальян", "Ширван-Сальян", "Shirvon-Salyon", "Ширвон-Салён", "Şirvan-Salyan"),
        "East Zangezur": ("Шығыс Зангезур", "Чыгыш Зангезур", "Sharqiy Zangezur", "Зангезури Шарқӣ", "Doğu Zengezur"),
        "Nakhchivan": ("Нахчыван", "Нахчыван", "Naxchivon", "Нахҷувон", "Nahçıvan"),
    },
    "KZ": {
        "Abai": ("Абай облысы", "Абай облусу", "Abay viloyati", "вилояти Абай", "Abay ili"),
        "Akmola": ("Ақмола облысы", "Акмола облусу", "Aqmola viloyati", "вилояти Ақмола", "Akmola ili"),
        "Aktobe": ("Ақтөбе облысы", "Актөбө облусу", "Aqtoʻbe viloyati", "вилояти Ақтӯбе", "Aktöbe ili"),
        "Almaty": ("Алматы облысы", "Алматы облусу", "Olmaota viloyati", "вилояти Алмаато", "Almatı ili"),
        "Atyrau": ("Атырау облысы", "Атырау облусу", "Atirau viloyati", "вилояти Атирау", "Atırav ili"),
        "East Kazakhstan": (
            "Шығыс Қазақстан облысы", "Чыгыш Казакстан облусу", "Sharqiy Qozogʻiston viloyati",
            "вилояти Қазоқистони Шарқӣ", "Doğu Kazakistan ili",
        ),
        "Jetisu": ("Жетісу облысы", "Жетисуу облусу", "Yettisuv viloyati", "вилояти Ҷетису", "Yedisu ili"),
        "Karaganda": ("Қарағанды облысы", "Караганды облусу", "Qaragʻandi viloyati", "вилояти Қарағанда", "Karağandı ili"),
        "Kostanay": ("Қостанай облысы", "Костанай облусу", "Qoʻstanay viloyati", "вилояти Қӯстанай", "Kostanay ili"),
        "Kyzylorda": ("Қызылорда облысы", "Кызылорда облусу", "Qiziloʻrda viloyati", "вилояти Қизилӯрда", "Kızılorda ili"),
        "Mangystau": ("Маңғыстау облысы", "Маңгыстау облусу", "Mangʻishloq viloyati", "вилояти Манғистов", "Mangıstav ili"),
        "North Kazakhstan": (
            "Солтүстік Қазақстан облысы", "Түндүк Казакстан облусу", "Shimoliy Qozogʻiston viloyati",
            "вилояти Қазоқистони Шимолӣ", "Kuzey Kazakistan ili",
        ),
        "Pavlodar": ("Павлодар облысы", "Павлодар облусу", "Pavlodar viloyati", "вилояти Павлодар", "Pavlodar ili"),
        "Turkistan": ("Түркістан облысы", "Түркстан облусу", "Turkiston viloyati", "вилояти Туркистон", "Türkistan ili"),
        "Ulytau": ("Ұлытау облысы", "Улутоо облусу", "Ulitau viloyati", "вилояти Улутов", "Ulıtav ili"),
        "West Kazakhstan": (
            "Батыс Қазақстан облысы", "Батыш Казакстан облусу", "Gʻarbiy Qozogʻiston viloyati",
            "вилояти Қазоқистони Ғарбӣ", "Batı Kazakistan ili",
        ),
        "Zhambyl": ("Жамбыл облысы", "Жамбыл облусу", "Jambul viloyati", "вилояти Ҷамбул", "Jambıl ili"),
        "Astana": ("Астана", "Астана", "Astana", "Астана", "Astana"),
        "Almaty city": ("Алматы қаласы", "Алматы шаары", "Olmaota shahri", "шаҳри Алмаато", "Almatı şehri"),
        "Shymkent": ("Шымкент", "Шымкент", "Chimkent", "Чимкент", "Çimkent"),
    },
    "KG": {
        "Batken": ("Баткен облысы", "Баткен облусу", "Botken viloyati", "вилояти Баткен", "Batken ili"),
        "Chüy": ("Шу облысы", "Чүй облусу", "Chuy viloyati", "вилояти Чуй", "Çüy ili"),
        "Issyk-Kul": ("Ыстықкөл облысы", "Ысык-Көл облусу", "Issiqkoʻl viloyati", "вилояти Иссиқкӯл", "Issık Göl ili"),
        "Jalal-Abad": ("Жалалабат облысы", "Жалал-Абад облусу", "Jalolobod viloyati", "вилояти Ҷалолобод", "Celalabad ili"),
        "Naryn": ("Нарын облысы", "Нарын облусу", "Norin viloyati", "вилояти Норин", "Narın ili"),
        "Osh": ("Ош облысы", "Ош облусу", "Oʻsh viloyati", "вилояти Ӯш", "Oş ili"),
        "Talas": ("Талас облысы", "Талас облусу", "Talas viloyati", "вилояти Талас", "Talas ili"),
        "Bishkek": ("Бішкек", "Бишкек", "Bishkek", "Бишкек", "Bişkek"),
        "Osh city": ("Ош қаласы", "Ош шаары", "Oʻsh shahri", "шаҳри Ӯш", "Oş şehri"),
    },
    "TJ": {
        "Sughd": ("Соғды облысы", "Согди облусу", "Sugʻd viloyati", "вилояти Суғд", "Soğd Vilayeti"),
        "Khatlon": ("Хатлон облысы", "Хатлон облусу", "Xatlon viloyati", "вилояти Хатлон", "Hatlon Vilayeti"),
        "Gorno-Badakhshan": (
            "Таулы Бадахшан автономиялық облысы", "Тоолуу Бадахшан автоном облусу",
            "Togʻli Badaxshon muxtor viloyati", "Вилояти Мухтори Кӯҳистони Бадахшон",
            "Dağlık Bedahşan Özerk Vilayeti",
        ),
        "Districts of Republican Subordination": (
            "Республикалық бағыныстағы аудандар", "Республикалык баш ийүүдөгү райондор",
            "Respublikaga boʻysunuvchi tumanlar", "Ноҳияҳои тобеи ҷумҳурӣ", "Cumhuriyete Bağlı İlçeler",
        ),
        "Dushanbe": ("Душанбе", "Душанбе", "Dushanbe", "Душанбе", "Duşanbe"),
    },
    "UZ": {
        "Andijan": ("Әндіжан облысы", "Анжиян облусу", "Andijon viloyati", "вилояти Андиҷон", "Andican Vilayeti"),
        "Bukhara": ("Бұхара облысы", "Бухара облусу", "Buxoro viloyati", "вилояти Бухоро", "Buhara Vilayeti"),
        "Fergana": ("Ферғана облысы", "Фергана облусу", "Fargʻona viloyati", "вилояти Фарғона", "Fergana Vilayeti"),
        "Jizzakh": ("Жызақ облысы", "Жизак облусу", "Jizzax viloyati", "вилояти Ҷиззах", "Cizzak Vilayeti"),
        "Kashkadarya": ("Қашқадария облысы", "Кашкадарыя облусу", "Qashqadaryo viloyati", "вилояти Қашқадарё", "Kaşkaderya Vilayeti"),
        "Khorezm": ("Хорезм облысы", "Хорезм облусу", "Xorazm viloyati", "вилояти Хоразм", "Harezm Vilayeti"),
        "Namangan": ("Наманған облысы", "Наманган облусу", "Namangan viloyati", "вилояти Наманган", "Namangan Vilayeti"),
        "Navoiy": ("Науаи облысы", "Навои облусу", "Navoiy viloyati", "вилояти Навоӣ", "Navai Vilayeti"),
        "Samarkand": ("Самарқанд облысы", "Самарканд облусу", "Samarqand viloyati", "вилояти Самарқанд", "Semerkant Vilayeti"),
        "Sirdaryo": ("Сырдария облысы", "Сырдарыя облусу", "Sirdaryo viloyati", "вилояти Сирдарё", "Siriderya Vilayeti"),
        "Surkhandarya": ("Сурхандария облысы", "Сурхандарыя облусу", "Surxondaryo viloyati", "вилояти Сурхондарё", "Surhanderya Vilayeti"),
        "Tashkent Region": ("Ташкент облысы", "Ташкент облусу", "Toshkent viloyati", "вилояти Тошкент", "Taşkent Vilayeti"),
        "Karakalpakstan": ("Қарақалпақстан", "Каракалпакстан", "Qoraqalpogʻiston", "Қароқалпоқистон", "Karakalpakistan"),
        "Tashkent": ("Ташкент", "Ташкент", "Toshkent", "Тошкент", "Taşkent"),
    },
}

SUBJECTS = {
    "mathematics": ("Математика", "Математика", "Matematika", "Математика", "Matematik"),
    "physics": ("Физика", "Физика", "Fizika", "Физика", "Fizik"),
    "chemistry": ("Химия", "Химия", "Kimyo", "Химия", "Kimya"),
    "biology": ("Биология", "Биология", "Biologiya", "Биология", "Biyoloji"),
    "geography": ("География", "География", "Geografiya", "Ҷуғрофия", "Coğrafya"),
    "history": ("Тарих", "Тарых", "Tarix", "Таърих", "Tarih"),
    "native-language-literature": (
        "Ана тілі және әдебиет", "Эне тили жана адабият", "Ona tili va adabiyot",
        "Забони модарӣ ва адабиёт", "Ana dili ve edebiyat",
    ),
    "russian": ("Орыс тілі", "Орус тили", "Rus tili", "Забони русӣ", "Rusça"),
    "english": ("Ағылшын тілі", "Англис тили", "Ingliz tili", "Забони англисӣ", "İngilizce"),
    "foreign-languages": (
        "Басқа шет тілдері", "Башка чет тилдери", "Boshqa chet tillari",
        "Дигар забонҳои хориҷӣ", "Diğer yabancı diller",
    ),
    "ict": ("Информатика және АКТ", "Информатика жана МКТ", "Informatika va AKT", "Информатика ва ТИК", "Bilişim ve BİT"),
    "primary-education": ("Бастауыш білім", "Башталгыч билим", "Boshlangʻich taʼlim", "Таҳсилоти ибтидоӣ", "Temel eğitim"),
    "arts": ("Бейнелеу өнері", "Сүрөт искусствосу", "Tasviriy sanʼat", "Санъати тасвирӣ", "Görsel sanatlar"),
    "music": ("Музыка", "Музыка", "Musiqa", "Мусиқӣ", "Müzik"),
    "physical-education": ("Дене шынықтыру", "Дене тарбия", "Jismoniy tarbiya", "Тарбияи ҷисмонӣ", "Beden eğitimi"),
    "technology": (
        "Технология және еңбекке баулу", "Технология жана эмгекке үйрөтүү", "Texnologiya va mehnat taʼlimi",
        "Технология ва таълими меҳнат", "Teknoloji ve tasarım",
    ),
    "social-studies": (
        "Қоғамтану және азаматтану", "Коомтаануу жана жарандык билим", "Jamiyatshunoslik va fuqarolik",
        "Ҷамъиятшиносӣ ва шаҳрвандӣ", "Sosyal bilgiler ve vatandaşlık",
    ),
    "natural-science": ("Жаратылыстану", "Табият таануу", "Tabiiy fanlar", "Табиатшиносӣ", "Fen bilimleri"),
    "special-inclusive-education": (
        "Арнайы және инклюзивті білім", "Атайын жана инклюзивдүү билим", "Maxsus va inklyuziv taʼlim",
        "Таҳсилоти махсус ва фарогир", "Özel ve kapsayıcı eğitim",
    ),
    "pre-school": ("Мектепке дейінгі білім", "Мектепке чейинки билим", "Maktabgacha taʼlim", "Таҳсилоти томактабӣ", "Okul öncesi eğitim"),
    "school-counselling": (
        "Мектептегі психологиялық кеңес", "Мектептеги психологиялык кеңеш", "Maktab psixologik maslahati",
        "Машварати психологӣ дар мактаб", "Okul psikolojik danışmanlığı",
    ),
}

LANGUAGES = {
    "az": ("Әзірбайжан тілі", "Азербайжан тили", "Ozarbayjon tili", "Забони озарбойҷонӣ", "Azerbaycan Türkçesi"),
    "ru": ("Орыс тілі", "Орус тили", "Rus tili", "Забони русӣ", "Rusça"),
    "kk": ("Қазақ тілі", "Казак тили", "Qozoq tili", "Забони қазоқӣ", "Kazakça"),
    "ky": ("Қырғыз тілі", "Кыргыз тили", "Qirgʻiz tili", "Забони қирғизӣ", "Kırgızca"),
    "uz": ("Өзбек тілі", "Өзбек тили", "Oʻzbek tili", "Забони ӯзбекӣ", "Özbekçe"),
    "tg": ("Тәжік тілі", "Тажик тили", "Tojik tili", "Забони тоҷикӣ", "Tacikçe"),
    "tr": ("Түрік тілі", "Түрк тили", "Turk tili", "Забони туркӣ", "Türkçe"),
    "tk": ("Түрікмен тілі", "Түркмөн тили", "Turkman tili", "Забони туркманӣ", "Türkmence"),
    "kaa": ("Қарақалпақ тілі", "Каракалпак тили", "Qoraqalpoq tili", "Забони қароқалпоқӣ", "Karakalpakça"),
    "en": ("Ағылшын тілі", "Англис тили", "Ingliz tili", "Забони англисӣ", "İngilizce"),
    "de": ("Неміс тілі", "Немис тили", "Nemis tili", "Забони олмонӣ", "Almanca"),
    "fr": ("Француз тілі", "Француз тили", "Fransuz tili", "Забони фаронсавӣ", "Fransızca"),
    "ar": ("Араб тілі", "Араб тили", "Arab tili", "Забони арабӣ", "Arapça"),
    "zh": ("Қытай тілі", "Кытай тили", "Xitoy tili", "Забони чинӣ", "Çince"),
}


def _fill(row, names):
    changed = []
    for code, name in zip(CODES, names, strict=True):
        field = f"name_{code}"
        if not getattr(row, field):
            setattr(row, field, name)
            changed.append(field)
    if changed:
        row.save(update_fields=changed)


def load(apps, schema_editor):
    Country = apps.get_model("community", "Country")
    Region = apps.get_model("community", "Region")
    Subject = apps.get_model("community", "Subject")
    Language = apps.get_model("community", "Language")
    for country in Country.objects.filter(code__in=COUNTRIES):
        _fill(country, COUNTRIES[country.code])
    for region in Region.objects.select_related("country"):
        names = REGIONS.get(region.country.code, {}).get(region.name)
        if names is None and region.country.code == "TR":
            # Turkish provinces: official spelling in Uzbek and Turkish, the Cyrillic form elsewhere.
            cyrillic = region.name_ru or region.name
            names = (cyrillic, cyrillic, region.name, cyrillic, region.name)
        if names:
            _fill(region, names)
    for subject in Subject.objects.filter(slug__in=SUBJECTS):
        _fill(subject, SUBJECTS[subject.slug])
    for language in Language.objects.filter(code__in=LANGUAGES):
        _fill(language, LANGUAGES[language.code])


class Migration(migrations.Migration):
    dependencies = [("community", "0007_reference_names_more_languages")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
