"""The <select> written in Python is the markup Django's templates write, escaping included."""

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils import translation

from community.widgets import FormRenderer

pytestmark = pytest.mark.django_db


class Awkward(forms.Form):
    plain = forms.ChoiceField(choices=[("", "---"), ("a", "A & B"), ("<x>", '"quoted"')])
    grouped = forms.ChoiceField(
        choices=[("Azərbaycan", [("1", "Şəki"), ("2", "Quba")]), ("Қазақстан", [("3", "Түркістан")])],
        required=False,
    )
    many = forms.MultipleChoiceField(choices=[("1", "one"), ("2", "two"), ("3", "three")])
    described = forms.ChoiceField(
        choices=[("x", "X")], widget=forms.Select(attrs={"aria-describedby": "hint", "class": "wide"})
    )


def _both(form_class, data=None):
    ours = form_class(data, renderer=FormRenderer())
    django = form_class(data, renderer=DjangoTemplates())
    return [(str(ours[name]), str(django[name])) for name in ours.fields]


@pytest.mark.parametrize(
    "data", [None, {"plain": "<x>", "grouped": "3", "many": ["1", "3"], "described": "x"}, {"plain": "nope"}]
)
def test_select_markup_matches_djangos_templates(data):
    for ours, django in _both(Awkward, data):
        assert ours == django
        assert "<option" in ours


def test_the_sites_filter_forms_render_as_django_would(world_reference_rows):
    from community.forms import TeacherFilterForm

    for language in ("en", "az", "ru"):
        with translation.override(language):
            for ours, django in _both(TeacherFilterForm, {"rural": "on"}):
                assert ours == django


@pytest.fixture
def world_reference_rows():
    from community.models import Country, Region

    country = Country.objects.create(code="ZZ", name="Zedland &amp; Co", name_az="Azərbaycan", name_ru="Азербайджан")
    Region.objects.create(name="Shaki <Zaqatala>", name_az="Şəki-Zaqatala", country=country)


def test_the_site_uses_it(settings):
    assert settings.FORM_RENDERER == "community.widgets.FormRenderer"
    assert isinstance(forms.Form().renderer, FormRenderer)
