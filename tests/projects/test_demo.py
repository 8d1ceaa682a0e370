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
