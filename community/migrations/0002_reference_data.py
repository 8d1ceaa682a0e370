"""Reference data: the countries of the region with their first-level regions, subjects, languages.

Idempotent (update_or_create on natural keys), so it can be re-applied safely.
"""

from django.db import migrations

COUNTRIES = {
    ("AZ", "Azerbaijan"): [
        # The economic regions (2021), Baku and the Nakhchivan Autonomous Republic.
        "Baku",
        "Absheron-Khizi",
        "Mountainous Shirvan",
        "Ganja-Dashkasan",
        "Garabagh",
        "Gazakh-Tovuz",
        "Guba-Khachmaz",
        "Lankaran-Astara",
        "Central Aran",
        "Mil-Mughan",
        "Shaki-Zagatala",
        "Shirvan-Salyan",
        "East Zangezur",
        "Nakhchivan",
    ],
    ("KZ", "Kazakhstan"): [
        "Abai",
        "Akmola",
        "Aktobe",
        "Almaty",
        "Atyrau",
        "East Kazakhstan",
        "Jetisu",
        "Karaganda",
        "Kostanay",
        "Kyzylorda",
        "Mangystau",
        "North Kazakhstan",
        "Pavlodar",
        "Turkistan",
        "Ulytau",
        "West Kazakhstan",
        "Zhambyl",
        "Astana",
        "Almaty city",
        "Shymkent",
    ],
    ("KG", "Kyrgyzstan"): [
        "Batken",
        "Chüy",
        "Issyk-Kul",
        "Jalal-Abad",
        "Naryn",
        "Osh",
        "Talas",
        "Bishkek",
        "Osh city",
    ],
    ("TJ", "Tajikistan"): [
        "Sughd",
        "Khatlon",
        "Gorno-Badakhshan",
        "Districts of Republican Subordination",
        "Dushanbe",
    ],
    ("UZ", "Uzbekistan"): [
        "Andijan",
        "Bukhara",
        "Fergana",
        "Jizzakh",
        "Kashkadarya",
        "Khorezm",
        "Namangan",
        "Navoiy",
        "Samarkand",
        "Sirdaryo",
        "Surkhandarya",
        "Tashkent Region",
        "Karakalpakstan",
        "Tashkent",
    ],
    ("TR", "Turkey"): [
        "Adana", "Adıyaman", "Afyonkarahisar", "Ağrı", "Aksaray", "Amasya", "Ankara", "Antalya",
        "Ardahan", "Artvin", "Aydın", "Balıkesir", "Bartın", "Batman", "Bayburt", "Bilecik",
        "Bingöl", "Bitlis", "Bolu", "Burdur", "Bursa", "Çanakkale", "Çankırı", "Çorum",
        "Denizli", "Diyarbakır", "Düzce", "Edirne", "Elazığ", "Erzincan", "Erzurum", "Eskişehir",
        "Gaziantep", "Giresun", "Gümüşhane", "Hakkâri", "Hatay", "Iğdır", "Isparta", "İstanbul",
        "İzmir", "Kahramanmaraş", "Karabük", "Karaman", "Kars", "Kastamonu", "Kayseri", "Kilis",
        "Kırıkkale", "Kırklareli", "Kırşehir", "Kocaeli", "Konya", "Kütahya", "Malatya", "Manisa",
        "Mardin", "Mersin", "Muğla", "Muş", "Nevşehir", "Niğde", "Ordu", "Osmaniye",
        "Rize", "Sakarya", "Samsun", "Şanlıurfa", "Siirt", "Sinop", "Şırnak", "Sivas",
        "Tekirdağ", "Tokat", "Trabzon", "Tunceli", "Uşak", "Van", "Yalova", "Yozgat",
        "Zonguldak",
    ],
}

SUBJECTS = [
    ("mathematics", "Mathematics"),
    ("physics", "Physics"),
    ("chemistry", "Chemistry"),
    ("biology", "Biology"),
    ("geography", "Geography"),
    ("history", "History"),
    ("native-language-literature", "Native language and literature"),
    ("russian", "Russian language"),
    ("english", "English language"),
    ("foreign-languages", "Other foreign languages"),
    ("ict", "Informatics and ICT"),
    ("primary-education", "Primary education"),
    ("arts", "Visual arts"),
    ("music", "Music"),
    ("physical-education", "Physical education"),
    ("technology", "Technology and crafts"),
    ("social-studies", "Social studies and civics"),
    ("natural-science", "Natural science"),
    ("special-inclusive-education", "Special and inclusive education"),
    ("pre-school", "Pre-school education"),
    ("school-counselling", "School counselling"),
]

LANGUAGES = [
    ("az", "Azerbaijani"),
    ("ru", "Russian"),
    ("kk", "Kazakh"),
    ("ky", "Kyrgyz"),
    ("uz", "Uzbek"),
    ("tg", "Tajik"),
    ("tr", "Turkish"),
    ("tk", "Turkmen"),
    ("kaa", "Karakalpak"),
    ("en", "English"),
    ("de", "German"),
    ("fr", "French"),
    ("ar", "Arabic"),
    ("zh", "Chinese"),
]


def load(apps, schema_editor):
    Country = apps.get_model("community", "Country")
    Region = apps.get_model("community", "Region")
    Subject = apps.get_model("community", "Subject")
    Language = apps.get_model("community", "Language")
    for (code, name), regions in COUNTRIES.items():
        country, _ = Country.objects.update_or_create(code=code, defaults={"name": name})
        existing = set(Region.objects.filter(country=country).values_list("name", flat=True))
        Region.objects.bulk_create([Region(country=country, name=r) for r in regions if r not in existing])
    for slug, name in SUBJECTS:
        Subject.objects.update_or_create(slug=slug, defaults={"name": name})
    for code, name in LANGUAGES:
        Language.objects.update_or_create(code=code, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("community", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
