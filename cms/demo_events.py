"""The demo's events: a workshop open for registration, a past conference with its slides,
recording and two days of sessions, and a small symposium that fills up."""

from datetime import time, timedelta

from django.utils import timezone

from .demo_pages import publish
from .models import EventPage, EventSession


def seed_events(events, *, topics, partners, organiser, slides):
    """The three events under `events`; returns (workshop, conference, symposium)."""
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
    workshop.organisers.set([organiser])
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
    publish(workshop)

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
    conference.organisers.set([organiser])
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
    publish(conference)

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
    publish(symposium)
    return workshop, conference, symposium
