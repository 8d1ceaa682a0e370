"""The demo CMS site's building blocks and its resource library.

Every demo page is saved with publish and translated with translate; image and document
store the demo's picture and files, made here (nothing is fetched from the internet);
seed_resources fills the resource library and chooses the home page's featured resources.
"""

import io

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import PageViewRestriction

from .models import ResourceDocument, ResourcePage

PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>endobj\n"
    b"4 0 obj<</Length 86>>stream\nBT /F1 24 Tf 60 760 Td (Project-based learning: regional conference) Tj ET\nendstream endobj\n"
    b"5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def image(title):
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    buffer = io.BytesIO()
    picture = PILImage.new("RGB", (1200, 675), (32, 96, 128))
    for x in range(0, 1200, 40):
        for y in range(0, 675, 300):
            picture.putpixel((x, y), (250, 220, 120))
    picture.save(buffer, format="PNG")
    buffer.seek(0)
    image = Image(title=title, file=ImageFile(buffer, name="classroom-circle.png"))
    image.save()
    return image


def document(title, filename, data):
    existing = Document.objects.filter(title=title).first()
    if existing:
        return existing
    document = Document(title=title)
    document.file.save(filename, ContentFile(data), save=False)
    document.save()
    return document


def publish(page):
    page.save_revision().publish()
    return page


def translate(page, locale, **fields):
    """Copy `page` into `locale` (parents too), set translated fields, publish."""
    translated = page.get_translation_or_none(locale)
    if translated is None:
        translated = page.copy_for_translation(locale, copy_parents=True)
    translated = translated.specific
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save()
    publish(translated)
    return translated


def seed_resources(home, resources, topics, *, photo, checklist):
    """The guide, three more resources and a members-only page; the home page features three.

    Returns the guide, which is translated into every language.
    """
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
    publish(guide)

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
        publish(page)
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
    publish(members_only)
    PageViewRestriction.objects.create(
        page=members_only, restriction_type=PageViewRestriction.LOGIN
    )

    for index, resource in enumerate(resource_pages[:3]):
        home.featured_resources.create(resource=resource, sort_order=index)
    publish(home)
    return guide
