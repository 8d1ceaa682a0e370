"""The demo projects: every lifecycle state, a labelled project, a competition with a winner."""

import io

import pytest

from projects.models import Award, Competition, JournalEntry, LabelApplication, Milestone, Project

pytestmark = pytest.mark.django_db


def test_demo_projects():
    from community.demo import seed as seed_people
    from projects.demo import seed

    out = io.StringIO()
    seed_people(out)
    seed(out)
    states = set(Project.objects.values_list("status", flat=True))
    assert states == {"draft", "seeking", "active", "completed", "archived"}
    labelled = LabelApplication.objects.get(status="granted").project
    assert labelled.title == "Rivers of our villages" and labelled.published_at is not None
    assert LabelApplication.objects.filter(status="pending").exists()
    competition = Competition.objects.get(title="Most creative project of the year")
    assert competition.announced_at is not None
    assert Award.objects.filter(competition=competition, project=labelled).exists()
    assert JournalEntry.objects.filter(project=labelled, attachments__kind="image").exists()
    assert Milestone.objects.filter(project__status="active").exists()
    # Several regions take part.
    from projects.selectors import statistics

    assert statistics()["totals"]["regions"] >= 5
    # A second run changes nothing.
    count = Project.objects.count()
    seed(out)
    assert Project.objects.count() == count


def test_demo_pupils_sign_in_with_the_printed_card_and_see_their_project(client):
    from community.demo import seed as seed_people
    from community.discussions.models import Message
    from projects.demo import DEMO_PUPIL_CARD, DEMO_PUPIL_CLASS_CODE, seed

    out = io.StringIO()
    seed_people(out)
    seed(out)
    response = client.post(
        "/en/projects/pupils/sign-in/", {"code": DEMO_PUPIL_CLASS_CODE, "password": DEMO_PUPIL_CARD}, follow=True
    )
    page = response.content.decode()
    assert "Letters between classes" in page and "apple trees" in page
    assert Message.objects.filter(status="held", held_reason="pupil").exists()  # one waits for the teacher
