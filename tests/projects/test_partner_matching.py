"""Partner suggestions: the pure scoring and the ranking with its reasons; teacher search filters."""

import pytest

from projects import selectors
from projects.selectors import Candidate, ProjectNeeds, rank_candidates, score_candidate

from . import factories as f

NEEDS = ProjectNeeds(
    subjects={1: "Biology", 2: "Geography"},
    languages={10: "Russian", 11: "English"},
    age_min=10,
    age_max=14,
    school_ids=frozenset({100}),
    region_ids=frozenset({7}),
    country_ids=frozenset({1}),
)


def cand(user_id, name, **kw):
    base = {
        "school_id": 200 + user_id,
        "region_id": 7,
        "region_name": "Ganja",
        "country_id": 1,
        "country_name": "Azerbaijan",
    }
    base.update(kw)
    return Candidate(user_id=user_id, name=name, **base)


def test_reasons_say_why():
    s = score_candidate(
        NEEDS,
        cand(
            1,
            "Bakhyt",
            subjects={1: "Biology", 5: "Art"},
            languages={10: "Russian"},
            age_min=11,
            age_max=16,
            region_id=8,
            region_name="Turkistan",
            looking_for_partners=True,
        ),
    )
    assert s.reasons == (
        "teaches Biology",
        "works with ages 11–16",
        "speaks Russian",
        "another region: Turkistan",
        "looking for partners",
    )


def test_another_country_is_named_and_outranks_another_region():
    region = score_candidate(
        NEEDS, cand(1, "A", subjects={1: "Biology"}, region_id=8, region_name="Shaki")
    )
    country = score_candidate(
        NEEDS,
        cand(2, "B", subjects={1: "Biology"}, region_id=9, country_id=2, country_name="Kazakhstan"),
    )
    assert "another country: Kazakhstan" in country.reasons
    assert "another region: Shaki" in region.reasons
    assert country.score > region.score


def test_same_school_no_school_or_no_match_are_not_partners():
    assert score_candidate(NEEDS, cand(1, "Same", school_id=100, subjects={1: "Biology"})) is None
    assert score_candidate(NEEDS, cand(2, "None", school_id=None, subjects={1: "Biology"})) is None
    assert (
        score_candidate(NEEDS, cand(3, "Other", subjects={9: "Music"}, looking_for_partners=True))
        is None
    )


def test_ages_must_overlap():
    s = score_candidate(NEEDS, cand(1, "Young", subjects={1: "Biology"}, age_min=6, age_max=9))
    assert all("ages" not in r for r in s.reasons)


def test_ranking_order_and_stable_ties():
    everything = cand(
        1,
        "Zara",
        subjects={1: "Biology"},
        languages={10: "Russian"},
        age_min=10,
        age_max=14,
        country_id=2,
        country_name="KZ",
        region_id=9,
    )
    subject_only = cand(2, "Anar", subjects={1: "Biology"})
    language_only = cand(3, "Bella", languages={10: "Russian"})
    tie = cand(4, "Aydan", languages={10: "Russian"})
    ranked = rank_candidates(NEEDS, [language_only, subject_only, tie, everything])
    assert [s.candidate.name for s in ranked] == ["Zara", "Anar", "Aydan", "Bella"]
    assert (
        rank_candidates(NEEDS, [language_only, subject_only, tie, everything], limit=2)[
            1
        ].candidate.name
        == "Anar"
    )


@pytest.mark.django_db
def test_partner_suggestions_from_the_database():
    biology, russian = f.subject("Biology"), f.language()
    founder = f.teacher("Aysel", school_obj=f.school("A", f.region("Ganja")))
    project = f.project(founder, subjects=[biology], languages=[russian])
    kz = f.region("Turkistan", f.country("KZ", "Kazakhstan"))
    best = f.teacher(
        "Bakhyt",
        school_obj=f.school("B", kz),
        subjects=[biology],
        languages=[russian],
        grades=(4, 8),
        looking=True,
    )
    good = f.teacher("Chingiz", school_obj=f.school("C", f.region("Shaki")), subjects=[biology])
    f.teacher("Colleague", school_obj=founder.profile.school, subjects=[biology])  # same school
    f.teacher("Unverified", school_obj=f.school("D"), subjects=[biology], verified=False)
    invited = f.teacher("Invited", school_obj=f.school("E", kz), subjects=[biology])
    from projects import services

    services.partnership_invite(actor=founder, project=project, invitee=invited)
    suggestions = selectors.partner_suggestions(project)
    assert [s.candidate.user_id for s in suggestions] == [best.pk, good.pk]
    assert suggestions[0].reasons == (
        "teaches Biology",
        "works with ages 10–14",
        "speaks Russian",
        "another country: Kazakhstan",
        "looking for partners",
    )
    assert suggestions[1].reasons == ("teaches Biology", "another region: Shaki")


@pytest.mark.django_db
def test_teacher_search_filters():
    biology, russian = f.subject("Biology"), f.language()
    kz = f.country("KZ", "Kazakhstan")
    rural = f.school("Village school", f.region("Turkistan", kz), rural=True)
    town = f.school("Town school", f.region("Ganja"))
    a = f.teacher(
        "A", school_obj=rural, subjects=[biology], languages=[russian], grades=(4, 8), looking=True
    )
    b = f.teacher("B", school_obj=town, subjects=[f.subject("Art")], grades=(1, 4))

    def ids(**filters):
        return {p.user_id for p in selectors.teacher_search(filters)}

    assert ids(subject=biology.pk) == {a.pk}
    assert ids(language=russian.pk) == {a.pk}
    assert ids(age=12) == {a.pk}
    assert ids(age=8) == {b.pk}
    assert ids(country=kz.pk) == {a.pk}
    assert ids(region=town.region_id) == {b.pk}
    assert ids(rural=True) == {a.pk}
    assert ids(looking=True) == {a.pk}
    assert ids() == {a.pk, b.pk}
