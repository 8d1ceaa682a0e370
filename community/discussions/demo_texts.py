"""The demo's communities and what is said in them: names, rooms, conversations, one direct exchange.

Read by community.discussions.demo, which seeds them.
"""

# (slug, name, topic, visibility, region (country, name) or None, language, description, rooms)
COMMUNITIES = [
    (
        "inclusive-education-practice",
        "Inclusive education practice",
        "inclusive",
        "public",
        None,
        "en",
        "Teachers who make mainstream classrooms work for every child: differentiated tasks, "
        "sensory-friendly rooms, working with parents and specialists.\n\n"
        "- Share what worked in your lesson this week\n- Ask before you buy materials\n- Be kind",
        ["General", "Lesson adaptations", "Working with parents"],
    ),
    (
        "rural-teacher-leadership",
        "Kənd müəllimlərinin liderliyi",
        "rural-leadership",
        "public",
        None,
        "az",
        "Kənd məktəblərində lider müəllimlər: kiçik siniflər, birləşmiş siniflər, icma ilə iş. "
        "Teachers who lead change in village schools.",
        ["Ümumi", "Birləşmiş siniflər", "Mentorship"],
    ),
    (
        "ict-in-the-classroom",
        "ICT in the classroom",
        "ict",
        "public",
        None,
        "ru",
        "Цифровые инструменты, которые работают даже при слабом интернете: офлайн-приложения, "
        "один проектор на класс, телефоны учеников.",
        ["Общее", "Offline tools", "Вопросы и ответы"],
    ),
    (
        "project-based-learning",
        "Project-based learning",
        "pbl",
        "public",
        None,
        "en",
        "Planning, running and assessing cross-school projects, eTwinning style. Find partners, "
        "share rubrics, show the results.",
        ["General", "Partner search", "Assessment"],
    ),
    (
        "shaki-zagatala-circle",
        "Shaki-Zagatala teachers' circle",
        "rural-leadership",
        "private",
        ("AZ", "Shaki-Zagatala"),
        "az",
        "Şəki-Zaqatala regionunun müəllimləri üçün qapalı qrup: metodbirləşmə, təcrübə mübadiləsi, "
        "regional tədbirlər.",
        ["Ümumi", "Metodbirləşmə"],
    ),
]

# Conversations per (community slug, room index): (speaker, body, reply_to index or None, reactions).
# Speakers: "aysel", "rashad", "aigerim", or "t<N>" = the N-th teacher of the community's pool.
CONVERSATIONS = {
    ("inclusive-education-practice", 0): [
        (
            "aysel",
            "Hello everyone! I teach English in Kish village. This year I have two pupils with "
            "hearing impairment in grade 6. Any advice on seating and materials?",
            None,
            ["👍", "🙏"],
        ),
        (
            "t1",
            "Front row, but slightly to the side so they can see both you and the class. "
            "And always face them when you speak: no talking while writing on the board.",
            0,
            ["💡", "👍", "👍"],
        ),
        (
            "t2",
            "We print the key words of every lesson on a card. It costs nothing and helps "
            "*everyone*, not only the two pupils.",
            0,
            ["❤️"],
        ),
        ("aysel", "Thank you @{t1} and @{t2}! I'll try the word cards from Monday.", None, ["🎉"]),
        (
            "t3",
            "If your school has a tablet, there are free offline speech-to-text apps. "
            "We tested two of them last term, I can share notes.",
            0,
            [],
        ),
        (
            "rashad",
            "Great thread. Reminder: the regional workshop on inclusive assessment is on the 14th; "
            "the recording will be in the library.",
            None,
            ["👏", "👏"],
        ),
        ("t4", "Could we collect these tips in one document for new colleagues?", None, ["👍"]),
        (
            "t1",
            "Good idea. I started one: seating, word cards, visual timetables, pairing.",
            6,
            ["🙏"],
        ),
    ],
    ("inclusive-education-practice", 1): [
        (
            "t2",
            "How do you adapt reading tasks for pupils with dyslexia without making them feel singled out?",
            None,
            ["🤔"],
        ),
        (
            "t3",
            "I give the whole class a choice of three versions of the task. Nobody knows who picked which.",
            0,
            ["💡", "❤️"],
        ),
        (
            "aysel",
            "Larger line spacing and a coloured overlay help a lot in my class. "
            "**Audio versions** of the text too.",
            0,
            ["👍"],
        ),
    ],
    ("inclusive-education-practice", 2): [
        (
            "t4",
            "Parents sometimes refuse to accept that their child needs support. How do you start that talk?",
            None,
            [],
        ),
        (
            "t1",
            "I always start with what the child *can* do, with examples of work. Then one concrete next step.",
            0,
            ["🙏", "👍"],
        ),
    ],
    ("rural-teacher-leadership", 0): [
        (
            "rashad",
            "Salam, həmkarlar! Bu qrupda kənd məktəblərində dəyişiklik edən müəllimlərin "
            "təcrübəsini toplayırıq. Özünüzü təqdim edin.",
            None,
            ["👍", "❤️"],
        ),
        (
            "aysel",
            "Salam! Mən Kiş kənd məktəbində ingilis dili müəllimiyəm. Keçən il valideynlər üçün "
            "həftəlik açıq dərs başlatdıq.",
            0,
            ["👏"],
        ),
        (
            "t1",
            "Salam! Bizdə 5-ci və 6-cı siniflər birləşib, 9 şagird. Planlaşdırma çox vaxt aparır.",
            0,
            [],
        ),
        (
            "t2",
            "@{t1} birləşmiş siniflər üçün ayrıca otaq açdıq, orada nümunələr paylaşırıq.",
            2,
            ["🙏"],
        ),
        (
            "t3",
            "Bizim məktəbdə gənc müəllimlər üçün mentorluq proqramı var. Təcrübəmi paylaşa bilərəm.",
            None,
            ["💡", "👍"],
        ),
        ("rashad", "Əla! @{t3}, gələn həftə qısa bir təqdimat edə bilərsinizmi?", 4, []),
        ("t3", "Əlbəttə, çərşənbə günü hazır olacaq.", 5, ["🎉"]),
    ],
    ("rural-teacher-leadership", 1): [
        ("t1", "Birləşmiş sinifdə eyni mövzunu iki səviyyədə necə keçirsiniz?", None, ["🤔"]),
        (
            "t4",
            "Bir qrup müstəqil tapşırıqla işləyir, digəri ilə mən işləyirəm, 20 dəqiqədən sonra dəyişirik.",
            0,
            ["💡", "👍"],
        ),
        (
            "aysel",
            "Böyük şagirdlər kiçiklərə kömək edəndə hər ikisi öyrənir. *Peer tutoring* çox işə yarayır.",
            0,
            ["❤️"],
        ),
    ],
    ("rural-teacher-leadership", 2): [
        ("t2", "Looking for a mentor for my first year as deputy head. Anyone willing?", None, []),
        ("t3", "Happy to help. Let's talk after the regional meeting.", 0, ["🙏"]),
    ],
    ("ict-in-the-classroom", 0): [
        (
            "aigerim",
            "Всем привет! Предлагаю делиться инструментами, которые работают без стабильного интернета.",
            None,
            ["👍", "👍"],
        ),
        (
            "t1",
            "У нас один проектор на всю школу, поэтому я заранее скачиваю видео и показываю с ноутбука.",
            0,
            ["💡"],
        ),
        (
            "t2",
            "Kolibri отлично работает офлайн: поставили на старый компьютер, ученики подключаются по Wi-Fi.",
            0,
            ["🎉", "💡", "👍"],
        ),
        ("t3", "@{t2} а сколько учеников одновременно выдерживает?", 2, []),
        ("t2", "Около 25 на слабом ноутбуке. Главное, заранее загрузить каналы.", 3, ["🙏"]),
        (
            "aysel",
            "In my village we use pupils' phones with offline dictionaries. Parents agreed after a meeting.",
            None,
            ["👏"],
        ),
        (
            "aigerim",
            "Отличные идеи. Соберу всё в памятку для нашей библиотеки ресурсов.",
            None,
            ["❤️"],
        ),
    ],
    ("ict-in-the-classroom", 1): [
        ("t1", "Which offline maths apps do you recommend for grades 5–7?", None, ["🤔"]),
        (
            "aigerim",
            "GeoGebra Classic works offline once installed. Also printed QR codes that open "
            "pre-downloaded pages.",
            0,
            ["👍"],
        ),
    ],
    ("ict-in-the-classroom", 2): [
        ("t3", "Как защитить школьный компьютер от вирусов с флешек учеников?", None, []),
        (
            "t1",
            "Отдельная учётная запись без прав администратора и автоматическая проверка при подключении.",
            0,
            ["💡"],
        ),
    ],
    ("project-based-learning", 0): [
        (
            "t1",
            "Our grade 8 is starting a project on local water sources. Would a school in Kazakhstan like "
            "to compare data with us?",
            None,
            ["👍"],
        ),
        (
            "aigerim",
            "Yes! My grade 7 in Turkistan could measure our river too. Let's agree on the method.",
            0,
            ["🎉", "🎉"],
        ),
        (
            "t2",
            "Tip: agree on one shared table format on day one. We lost two weeks converting units.",
            1,
            ["💡", "👍"],
        ),
        (
            "aysel",
            "@aigerim.sadykova we could add an English-language presentation at the end. My pupils "
            "would love a real audience.",
            1,
            ["❤️"],
        ),
        (
            "aigerim",
            "Perfect, @aysel.mammadova. I'll create the project in the workspace and invite you both.",
            3,
            ["👍"],
        ),
    ],
    ("project-based-learning", 1): [
        (
            "t3",
            "Looking for a partner school for a project on traditional crafts, grades 5–6, in Russian or "
            "Azerbaijani.",
            None,
            [],
        ),
        (
            "t4",
            "We are interested! Our school is next to a carpet-weaving workshop.",
            0,
            ["🙏", "🎉"],
        ),
    ],
    ("project-based-learning", 2): [
        ("t2", "How do you grade teamwork fairly in a project?", None, ["🤔"]),
        (
            "t1",
            "Peer assessment with a short rubric (3 criteria), plus my observation notes. "
            "Pupils take it seriously when they write the criteria themselves.",
            0,
            ["💡", "👍", "👍"],
        ),
    ],
    ("shaki-zagatala-circle", 0): [
        (
            "rashad",
            "Həmkarlar, növbəti metodbirləşmə Şəkidə, 7 nömrəli məktəbdə olacaq.",
            None,
            ["👍", "👍"],
        ),
        ("aysel", "Kişdən iki müəllim gələcək. Nəqliyyatı birlikdə təşkil edək?", 0, ["🙏"]),
        ("t1", "Bizim maşında iki yer var, @aysel.mammadova.", 1, ["❤️"]),
    ],
    ("shaki-zagatala-circle", 1): [
        (
            "t2",
            "Metodbirləşmə üçün mövzu təklifləri: formativ qiymətləndirmə, inklüziv dərs planları.",
            None,
            ["👍"],
        ),
    ],
}

# The direct conversation between Aysel and Rashad: (speaker, body).
DIRECT = [
    ("rashad", "Aysel xanım, salam! Your pupils' river photos in the Geography room were lovely. "
     "Would Kish school join a project on the rivers of Shaki-Zagatala in spring?"),
    ("aysel", "Salam, Rəşad müəllim! Yes, gladly. My grades 7 and 8 could write the English "
     "captions and interview their grandparents about the river."),
    ("rashad", "Wonderful. I will open the project this week and invite you as a partner."),
    ("aysel", "Thank you! Shall we plan it at the March workshop in Sheki?"),
]
