import datetime

import pytest
from django.utils import timezone

from community.discussions.models import Notification
from community.errors import ActionError
from projects import selectors, services
from projects.models import Award, EntryScore, LabelApplication

from . import factories as f

pytestmark = pytest.mark.django_db


def scores(value=3):
    return dict.fromkeys(f.label_answers(), value)


def test_label_before_completion_is_refused():
    project, founder, _p = f.two_school_project()
    with pytest.raises(ActionError, match="completed"):
        services.label_apply(actor=founder, project=project, answers=f.label_answers())
    assert not LabelApplication.objects.exists()


def test_label_needs_every_answer_and_only_once():
    project, founder, partner = f.completed_project()
    answers = f.label_answers()
    answers["technology"] = " "
    with pytest.raises(ActionError, match="Use of technology"):
        services.label_apply(actor=founder, project=project, answers=answers)
    services.label_apply(actor=founder, project=project, answers=f.label_answers())
    with pytest.raises(ActionError, match="already applied"):
        services.label_apply(actor=partner, project=project, answers=f.label_answers())
    assert LabelApplication.objects.count() == 1


def test_label_review_flow_and_permissions():
    project, founder, partner = f.completed_project()
    ganja_ambassador = f.ambassador(founder.profile.school.region, "Rashad")
    elsewhere = f.ambassador(f.region("Shaki"), "Other")
    application = services.label_apply(actor=founder, project=project, answers=f.label_answers())
    # The ambassador of a partner region was told.
    assert Notification.objects.filter(
        recipient=ganja_ambassador, kind="project.label_application"
    ).exists()
    assert not Notification.objects.filter(recipient=elsewhere).exists()
    with pytest.raises(ActionError) as error:
        services.label_review(
            actor=elsewhere, application=application, scores=scores(), feedback={}, grant=True
        )
    assert error.value.code == "forbidden"
    with pytest.raises(ActionError):
        services.label_review(
            actor=partner, application=application, scores=scores(), feedback={}, grant=True
        )
    bad = scores()
    bad["results"] = 5
    with pytest.raises(ActionError, match="from 0 to 4"):
        services.label_review(
            actor=ganja_ambassador, application=application, scores=bad, feedback={}, grant=True
        )
    application.refresh_from_db()
    assert application.status == "pending" and application.scores == {}
    services.label_review(
        actor=ganja_ambassador,
        application=application,
        scores=scores(4),
        feedback={"results": "Great"},
        grant=True,
    )
    application.refresh_from_db()
    assert application.status == "granted" and application.total_score == 20
    assert Notification.objects.filter(recipient=partner, kind="project.label_decision").exists()
    with pytest.raises(ActionError, match="already been reviewed"):
        services.label_review(
            actor=f.staff(), application=application, scores=scores(), feedback={}, grant=False
        )
    # The label shows on the teachers' learning records.
    from projects.records import record_section

    record = record_section(partner)
    assert any(item["title"] == f"Quality label: {project.title}" for item in record["items"])


def test_ambassador_who_is_a_member_cannot_review():
    project, founder, partner = f.completed_project()
    from community.models import Ambassadorship

    Ambassadorship.objects.create(user=partner, region=founder.profile.school.region)
    application = services.label_apply(actor=founder, project=project, answers=f.label_answers())
    with pytest.raises(ActionError):
        services.label_review(
            actor=partner, application=application, scores=scores(), feedback={}, grant=True
        )


@pytest.fixture
def competition_world():
    admin = f.staff("Admin")
    project, founder, partner = f.completed_project(title="Creative water")
    other, other_founder, _ = f.two_school_project(title="Stars above")
    juror = f.ambassador(f.region("Shaki"), "Juror")
    competition = services.competition_create(
        actor=admin,
        title="Most creative project of the year",
        deadline=f.future(),
        categories=["Ages 6–10", "Ages 11–14"],
        jury=[juror, admin],
    )
    return locals()


def test_only_staff_create_competitions_with_valid_jury():
    teacher = f.teacher(school_obj=f.school())
    with pytest.raises(ActionError):
        services.competition_create(actor=teacher, title="X", deadline=f.future(), categories=["A"])
    with pytest.raises(ActionError, match="neither"):
        services.competition_create(
            actor=f.staff(), title="X", deadline=f.future(), categories=["A"], jury=[teacher]
        )
    with pytest.raises(ActionError, match="category"):
        services.competition_create(
            actor=f.staff(), title="X", deadline=f.future(), categories=[" "]
        )


def test_competition_flow(competition_world):
    w = competition_world
    competition, _cat_young, cat_old = w["competition"], *w["competition"].categories.all()
    entry = services.competition_enter(
        actor=w["founder"], competition=competition, project=w["project"], category=cat_old
    )
    with pytest.raises(ActionError, match="already entered"):
        services.competition_enter(
            actor=w["partner"], competition=competition, project=w["project"], category=cat_old
        )
    with pytest.raises(ActionError):  # an outsider cannot enter someone else's project
        services.competition_enter(
            actor=w["other_founder"],
            competition=competition,
            project=w["project"],
            category=cat_old,
        )
    other_entry = services.competition_enter(
        actor=w["other_founder"], competition=competition, project=w["other"], category=cat_old
    )
    with pytest.raises(ActionError, match="from 0 to 10"):
        services.entry_score(actor=w["juror"], entry=entry, score=11)
    with pytest.raises(ActionError):
        services.entry_score(actor=w["founder"], entry=entry, score=10)  # not in the jury
    assert not EntryScore.objects.exists()
    services.entry_score(actor=w["juror"], entry=entry, score=9)
    services.entry_score(actor=w["admin"], entry=entry, score=8)
    services.entry_score(actor=w["juror"], entry=other_entry, score=6)
    with pytest.raises(ActionError):
        services.competition_announce(actor=w["juror"], competition=competition)
    awards = services.competition_announce(actor=w["admin"], competition=competition)
    assert [(a.category, a.project) for a in awards] == [(cat_old, w["project"])]
    assert Notification.objects.filter(recipient=w["partner"], kind="project.award").exists()
    with pytest.raises(ActionError, match="closed"):
        services.entry_score(actor=w["juror"], entry=other_entry, score=10)
    from projects.records import record_section

    items = record_section(w["partner"])["items"]
    assert any(i["title"] == "Award: Most creative project of the year" for i in items)


def test_jury_member_cannot_score_own_project(competition_world):
    w = competition_world
    from community.models import Ambassadorship

    Ambassadorship.objects.create(user=w["partner"], region=f.region("Shaki"))
    w["competition"].jury.add(w["partner"])
    entry = services.competition_enter(
        actor=w["founder"],
        competition=w["competition"],
        project=w["project"],
        category=w["competition"].categories.first(),
    )
    with pytest.raises(ActionError, match="take part in"):
        services.entry_score(actor=w["partner"], entry=entry, score=10)
    assert not EntryScore.objects.exists()


def test_entry_after_deadline_is_refused(competition_world):
    w = competition_world
    competition = w["competition"]
    competition.deadline = timezone.now() - datetime.timedelta(days=1)
    competition.save()
    with pytest.raises(ActionError, match="deadline"):
        services.competition_enter(
            actor=w["founder"],
            competition=competition,
            project=w["project"],
            category=competition.categories.first(),
        )


def test_award_shows_on_showcase(competition_world, client):
    w = competition_world
    competition = w["competition"]
    entry = services.competition_enter(
        actor=w["founder"],
        competition=competition,
        project=w["project"],
        category=competition.categories.first(),
    )
    services.entry_score(actor=w["juror"], entry=entry, score=7)
    services.competition_announce(actor=w["admin"], competition=competition)
    services.project_publish(actor=w["founder"], project=w["project"])
    assert Award.objects.count() == 1
    page = client.get("/en/projects/showcase/").content.decode()
    assert "Winner: Most creative project of the year" in page
    assert (
        "Creative water"
        in client.get(f"/en/projects/competitions/{competition.pk}/").content.decode()
    )
    assert list(selectors.showcase({"awarded": True})) == [w["project"]]
