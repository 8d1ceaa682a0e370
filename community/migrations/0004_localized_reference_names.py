"""Azerbaijani and Russian names of the reference data loaded by 0002_reference_data.

Rows are matched on the same natural keys as that migration: countries and languages
by code, regions by country code and English name, subjects by slug. Only blank
names are filled, so names edited in the admin are kept if this runs again.

Spelling: Azerbaijani in the Latin alphabet; Russian in the forms established in
each country (Шеки-Закатала, Кыргызстан, Жетысуская область). Azerbaijan's economic
regions and the Turkish provinces use their short names, as the English ones do;
Kazakh, Kyrgyz, Tajik and Uzbek oblasts are named "... область" in Russian, the
usual form there. The Turkish provinces keep their official Turkish spelling in
Azerbaijani, which uses the same Latin letters.
"""

from django.db import migrations

COUNTRIES = {
    "AZ": ("Azərbaycan", "Азербайджан"),
    "KZ": ("Qazaxıstan", "Казахстан"),
    "KG": ("Qırğızıstan", "Кыргызстан"),
    "TJ": ("Tacikistan", "Таджикистан"),
    "UZ": ("Özbəkistan", "Узбекистан"),
    "TR": ("Türkiyə", "Турция"),
}

REGIONS = {
    "AZ": {
        "Baku": ("Bakı", "Баку"),
        "Absheron-Khizi": ("Abşeron-Xızı", "Абшерон-Хызы"),
        "Mountainous Shirvan": ("Dağlıq Şirvan", "Горный Ширван"),
        "Ganja-Dashkasan": ("Gəncə-Daşkəsən", "Гянджа-Дашкесан"),
        "Garabagh": ("Qarabağ", "Карабах"),
        "Gazakh-Tovuz": ("Qazax-Tovuz", "Газах-Товуз"),
        "Guba-Khachmaz": ("Quba-Xaçmaz", "Губа-Хачмаз"),
        "Lankaran-Astara": ("Lənkəran-Astara", "Ленкорань-Астара"),
        "Central Aran": ("Mərkəzi Aran", "Центральный Аран"),
        "Mil-Mughan": ("Mil-Muğan", "Миль-Муган"),
        "Shaki-Zagatala": ("Şəki-Zaqatala", "Шеки-Закатала"),
        "Shirvan-Salyan": ("Şirvan-Salyan", "Ширван-Сальян"),
        "East Zangezur": ("Şərqi Zəngəzur", "Восточный Зангезур"),
        "Nakhchivan": ("Naxçıvan", "Нахчыван"),
    },
    "KZ": {
        "Abai": ("Abay", "Абайская область"),
        "Akmola": ("Aqmola", "Акмолинская область"),
        "Aktobe": ("Aqtöbe", "Актюбинская область"),
        "Almaty": ("Almatı", "Алматинская область"),
        "Atyrau": ("Atırau", "Атырауская область"),
        "East Kazakhstan": ("Şərqi Qazaxıstan", "Восточно-Казахстанская область"),
        "Jetisu": ("Jetisu", "Жетысуская область"),
        "Karaganda": ("Qaraqanda", "Карагандинская область"),
        "Kostanay": ("Qostanay", "Костанайская область"),
        "Kyzylorda": ("Qızılorda", "Кызылординская область"),
        "Mangystau": ("Manqıstau", "Мангистауская область"),
        "North Kazakhstan": ("Şimali Qazaxıstan", "Северо-Казахстанская область"),
        "Pavlodar": ("Pavlodar", "Павлодарская область"),
        "Turkistan": ("Türküstan", "Туркестанская область"),
        "Ulytau": ("Ulıtau", "Улытауская область"),
        "West Kazakhstan": ("Qərbi Qazaxıstan", "Западно-Казахстанская область"),
        "Zhambyl": ("Jambıl", "Жамбылская область"),
        "Astana": ("Astana", "Астана"),
        "Almaty city": ("Almatı şəhəri", "Алматы"),
        "Shymkent": ("Şımkent", "Шымкент"),
    },
    "KG": {
        "Batken": ("Batken", "Баткенская область"),
        "Chüy": ("Çuy", "Чуйская область"),
        "Issyk-Kul": ("İssık-Göl", "Иссык-Кульская область"),
        "Jalal-Abad": ("Cəlal-Abad", "Джалал-Абадская область"),
        "Naryn": ("Narın", "Нарынская область"),
        "Osh": ("Oş", "Ошская область"),
        "Talas": ("Talas", "Таласская область"),
        "Bishkek": ("Bişkek", "Бишкек"),
        "Osh city": ("Oş şəhəri", "Ош"),
    },
    "TJ": {
        "Sughd": ("Soğd", "Согдийская область"),
        "Khatlon": ("Xatlon", "Хатлонская область"),
        "Gorno-Badakhshan": ("Dağlıq Bədəxşan", "Горно-Бадахшанская автономная область"),
        "Districts of Republican Subordination": (
            "Respublika tabeliyində olan rayonlar",
            "Районы республиканского подчинения",
        ),
        "Dushanbe": ("Düşənbə", "Душанбе"),
    },
    "UZ": {
        "Andijan": ("Əndican", "Андижанская область"),
        "Bukhara": ("Buxara", "Бухарская область"),
        "Fergana": ("Fərqanə", "Ферганская область"),
        "Jizzakh": ("Cizzax", "Джизакская область"),
        "Kashkadarya": ("Qaşqadərya", "Кашкадарьинская область"),
        "Khorezm": ("Xarəzm", "Хорезмская область"),
        "Namangan": ("Namanqan", "Наманганская область"),
        "Navoiy": ("Nəvai", "Навоийская область"),
        "Samarkand": ("Səmərqənd", "Самаркандская область"),
        "Sirdaryo": ("Sırdərya", "Сырдарьинская область"),
        "Surkhandarya": ("Surxandərya", "Сурхандарьинская область"),
        "Tashkent Region": ("Daşkənd vilayəti", "Ташкентская область"),
        "Karakalpakstan": ("Qaraqalpaqıstan", "Каракалпакстан"),
        "Tashkent": ("Daşkənd", "Ташкент"),
    },
    "TR": {
        "Adana": ("Adana", "Адана"),
        "Adıyaman": ("Adıyaman", "Адыяман"),
        "Afyonkarahisar": ("Afyonkarahisar", "Афьонкарахисар"),
        "Ağrı": ("Ağrı", "Агры"),
        "Aksaray": ("Aksaray", "Аксарай"),
        "Amasya": ("Amasya", "Амасья"),
        "Ankara": ("Ankara", "Анкара"),
        "Antalya": ("Antalya", "Анталья"),
        "Ardahan": ("Ardahan", "Ардахан"),
        "Artvin": ("Artvin", "Артвин"),
        "Aydın": ("Aydın", "Айдын"),
        "Balıkesir": ("Balıkesir", "Балыкесир"),
        "Bartın": ("Bartın", "Бартын"),
        "Batman": ("Batman", "Батман"),
        "Bayburt": ("Bayburt", "Байбурт"),
        "Bilecik": ("Bilecik", "Биледжик"),
        "Bingöl": ("Bingöl", "Бингёль"),
        "Bitlis": ("Bitlis", "Битлис"),
        "Bolu": ("Bolu", "Болу"),
        "Burdur": ("Burdur", "Бурдур"),
        "Bursa": ("Bursa", "Бурса"),
        "Çanakkale": ("Çanakkale", "Чанаккале"),
        "Çankırı": ("Çankırı", "Чанкыры"),
        "Çorum": ("Çorum", "Чорум"),
        "Denizli": ("Denizli", "Денизли"),
        "Diyarbakır": ("Diyarbakır", "Диярбакыр"),
        "Düzce": ("Düzce", "Дюздже"),
        "Edirne": ("Edirne", "Эдирне"),
        "Elazığ": ("Elazığ", "Элязыг"),
        "Erzincan": ("Erzincan", "Эрзинджан"),
        "Erzurum": ("Erzurum", "Эрзурум"),
        "Eskişehir": ("Eskişehir", "Эскишехир"),
        "Gaziantep": ("Gaziantep", "Газиантеп"),
        "Giresun": ("Giresun", "Гиресун"),
        "Gümüşhane": ("Gümüşhane", "Гюмюшхане"),
        "Hakkâri": ("Hakkâri", "Хаккари"),
        "Hatay": ("Hatay", "Хатай"),
        "Iğdır": ("Iğdır", "Ыгдыр"),
        "Isparta": ("Isparta", "Ыспарта"),
        "İstanbul": ("İstanbul", "Стамбул"),
        "İzmir": ("İzmir", "Измир"),
        "Kahramanmaraş": ("Kahramanmaraş", "Кахраманмараш"),
        "Karabük": ("Karabük", "Карабюк"),
        "Karaman": ("Karaman", "Караман"),
        "Kars": ("Kars", "Карс"),
        "Kastamonu": ("Kastamonu", "Кастамону"),
        "Kayseri": ("Kayseri", "Кайсери"),
        "Kilis": ("Kilis", "Килис"),
        "Kırıkkale": ("Kırıkkale", "Кырыккале"),
        "Kırklareli": ("Kırklareli", "Кыркларели"),
        "Kırşehir": ("Kırşehir", "Кыршехир"),
        "Kocaeli": ("Kocaeli", "Коджаэли"),
        "Konya": ("Konya", "Конья"),
        "Kütahya": ("Kütahya", "Кютахья"),
        "Malatya": ("Malatya", "Малатья"),
        "Manisa": ("Manisa", "Маниса"),
        "Mardin": ("Mardin", "Мардин"),
        "Mersin": ("Mersin", "Мерсин"),
        "Muğla": ("Muğla", "Мугла"),
        "Muş": ("Muş", "Муш"),
        "Nevşehir": ("Nevşehir", "Невшехир"),
        "Niğde": ("Niğde", "Нигде"),
        "Ordu": ("Ordu", "Орду"),
        "Osmaniye": ("Osmaniye", "Османие"),
        "Rize": ("Rize", "Ризе"),
        "Sakarya": ("Sakarya", "Сакарья"),
        "Samsun": ("Samsun", "Самсун"),
        "Şanlıurfa": ("Şanlıurfa", "Шанлыурфа"),
        "Siirt": ("Siirt", "Сиирт"),
        "Sinop": ("Sinop", "Синоп"),
        "Şırnak": ("Şırnak", "Ширнак"),
        "Sivas": ("Sivas", "Сивас"),
        "Tekirdağ": ("Tekirdağ", "Текирдаг"),
        "Tokat": ("Tokat", "Токат"),
        "Trabzon": ("Trabzon", "Трабзон"),
        "Tunceli": ("Tunceli", "Тунджели"),
        "Uşak": ("Uşak", "Ушак"),
        "Van": ("Van", "Ван"),
        "Yalova": ("Yalova", "Ялова"),
        "Yozgat": ("Yozgat", "Йозгат"),
        "Zonguldak": ("Zonguldak", "Зонгулдак"),
    },
}

SUBJECTS = {
    "mathematics": ("Riyaziyyat", "Математика"),
    "physics": ("Fizika", "Физика"),
    "chemistry": ("Kimya", "Химия"),
    "biology": ("Biologiya", "Биология"),
    "geography": ("Coğrafiya", "География"),
    "history": ("Tarix", "История"),
    "native-language-literature": ("Ana dili və ədəbiyyat", "Родной язык и литература"),
    "russian": ("Rus dili", "Русский язык"),
    "english": ("İngilis dili", "Английский язык"),
    "foreign-languages": ("Digər xarici dillər", "Другие иностранные языки"),
    "ict": ("İnformatika və İKT", "Информатика и ИКТ"),
    "primary-education": ("İbtidai təhsil", "Начальное образование"),
    "arts": ("Təsviri incəsənət", "Изобразительное искусство"),
    "music": ("Musiqi", "Музыка"),
    "physical-education": ("Fiziki tərbiyə", "Физическая культура"),
    "technology": ("Texnologiya və əmək təlimi", "Технология и трудовое обучение"),
    "social-studies": ("Sosial elmlər və vətəndaşlıq", "Обществознание и граждановедение"),
    "natural-science": ("Təbiət elmləri", "Естествознание"),
    "special-inclusive-education": ("Xüsusi və inklüziv təhsil", "Специальное и инклюзивное образование"),
    "pre-school": ("Məktəbəqədər təhsil", "Дошкольное образование"),
    "school-counselling": ("Məktəbdə psixoloji məsləhət", "Школьное психологическое консультирование"),
}

LANGUAGES = {
    "az": ("Azərbaycan dili", "Азербайджанский"),
    "ru": ("Rus dili", "Русский"),
    "kk": ("Qazax dili", "Казахский"),
    "ky": ("Qırğız dili", "Кыргызский"),
    "uz": ("Özbək dili", "Узбекский"),
    "tg": ("Tacik dili", "Таджикский"),
    "tr": ("Türk dili", "Турецкий"),
    "tk": ("Türkmən dili", "Туркменский"),
    "kaa": ("Qaraqalpaq dili", "Каракалпакский"),
    "en": ("İngilis dili", "Английский"),
    "de": ("Alman dili", "Немецкий"),
    "fr": ("Fransız dili", "Французский"),
    "ar": ("Ərəb dili", "Арабский"),
    "zh": ("Çin dili", "Китайский"),
}


def _fill(row, names):
    name_az, name_ru = names
    changed = []
    if not row.name_az:
        row.name_az = name_az
        changed.append("name_az")
    if not row.name_ru:
        row.name_ru = name_ru
        changed.append("name_ru")
    if changed:
        row.save(update_fields=changed)


def load(apps, schema_editor):
    Country = apps.get_model("community", "Country")
    Region = apps.get_model("community", "Region")
    Subject = apps.get_model("community", "Subject")
    Language = apps.get_model("community", "Language")
    for country in Country.objects.filter(code__in=COUNTRIES):
        _fill(country, COUNTRIES[country.code])
    for region in Region.objects.select_related("country").filter(country__code__in=REGIONS):
        names = REGIONS[region.country.code].get(region.name)
        if names:
            _fill(region, names)
    for subject in Subject.objects.filter(slug__in=SUBJECTS):
        _fill(subject, SUBJECTS[subject.slug])
    for language in Language.objects.filter(code__in=LANGUAGES):
        _fill(language, LANGUAGES[language.code])


class Migration(migrations.Migration):
    dependencies = [("community", "0003_localized_names")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
