"""Reference names (countries, regions, subjects, languages) in the interface language.

Each reference row keeps its English `name` and one column per translated interface
language (`name_az`, `name_ru`, `name_kk`, `name_ky`, `name_uz`, `name_tg`, `name_tr`).
A blank column shows the English name. The translations are
columns of the same row, so showing them costs no query.

Choice lists are sorted in Python by the shown name with the language's own
alphabetical order (ə after e, ş after s, ё after е...), the same on SQLite and
PostgreSQL whatever the database collation.
"""

import unicodedata

from django.db import models
from django.forms.models import ModelChoiceIterator
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

#: The interface languages that have a name column, besides English.
NAME_LANGUAGES = ("az", "ru", "kk", "ky", "uz", "tg", "tr")

_ALPHABETS = {
    "en": "abcdefghijklmnopqrstuvwxyz",
    "az": "abcçdeəfgğhxıijkqlmnoöprsştuüvyz",
    "ru": "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
    "kk": "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя",
    "ky": "абвгдеёжзийклмнңоөпрстуүфхцчшщъыьэюя",
    "uz": "abdefghijklmnopqrstuvxyz",
    "tg": "абвгғдеёжзиӣйкқлмнопрстуӯфхҳчҷшъэюя",
    "tr": "abcçdefgğhıijklmnoöprsştuüvyz",
}

#: Uzbek (Latin) letters written as two characters, sorted as one after the Latin alphabet:
#: oʻ, gʻ, sh, ch, ng come after z in the official order.
_UZ_DIGRAPHS = {"oʻ": "\ue001", "gʻ": "\ue002", "sh": "\ue003", "ch": "\ue004", "ng": "\ue005"}


def current_language():
    """The active interface language as a bare code ("az", "ru", "en")."""
    code = (get_language() or "").lower()
    return code.replace("_", "-").split("-")[0]


def name_column(language, base="name"):
    """The column holding `base` in `language`: `name_az`, or `name` for English and the rest."""
    return f"{base}_{language}" if language in NAME_LANGUAGES else base


def localized_value(row, key, language=None):
    """From a `values()` row holding `key` and its `key_az` / `key_ru` columns: the shown name."""
    language = language or current_language()
    if language in NAME_LANGUAGES:
        value = row.get(f"{key}_{language}")
        if value:
            return value
    return row[key]


def localized_values(key):
    """`key` and its translated columns, for a `values()` call."""
    return [key, *(f"{key}_{code}" for code in NAME_LANGUAGES)]


def collation_key(text, language=None):
    """A sort key that follows the alphabet of `language` (English order for the others).

    Letters of that alphabet sort in its order; other accented letters sort with their base
    letter first (Çanakkale between Bursa and Corum in English) and after it on a tie.
    """
    language = language or current_language()
    alphabet = _ALPHABETS.get(language, _ALPHABETS["en"])
    if language in ("az", "tr"):
        text = text.replace("I", "ı").replace("İ", "i")
    if language == "uz":
        text = text.lower().replace("'", "ʻ").replace("‘", "ʻ").replace("’", "ʻ")
        for digraph, mark in _UZ_DIGRAPHS.items():
            text = text.replace(digraph, mark)
        alphabet = alphabet + "".join(_UZ_DIGRAPHS.values()) + "ʼ"
    primary, accents = [], []
    for char in text.lower():
        position = alphabet.find(char)
        if position >= 0:
            primary.append((2, position))
            accents.append(0)
            continue
        base = unicodedata.normalize("NFD", char)[0]
        position = alphabet.find(base)
        if position >= 0:
            primary.append((2, position))
        elif base.isalpha():
            primary.append((3, ord(base)))
        elif base.isdigit():
            primary.append((1, ord(base)))
        else:
            primary.append((0, ord(base)))
        accents.append(ord(char))
    return primary, accents


class LocalizedNameModel(models.Model):
    """A reference row with an English `name` and its names in the other interface languages."""

    name_az = models.CharField(
        _("name in Azerbaijani"),
        max_length=120,
        blank=True,
        help_text=_("Shown in the Azerbaijani interface. Left blank, the English name is shown."),
    )
    name_ru = models.CharField(
        _("name in Russian"),
        max_length=120,
        blank=True,
        help_text=_("Shown in the Russian interface. Left blank, the English name is shown."),
    )
    name_kk = models.CharField(
        _("name in Kazakh"),
        max_length=120,
        blank=True,
        help_text=_("Shown in the Kazakh interface. Left blank, the English name is shown."),
    )
    name_ky = models.CharField(
        _("name in Kyrgyz"),
        max_length=120,
        blank=True,
        help_text=_("Shown in the Kyrgyz interface. Left blank, the English name is shown."),
    )
    name_uz = models.CharField(
        _("name in Uzbek"),
        max_length=120,
        blank=True,
        help_text=_("Shown in the Uzbek interface. Left blank, the English name is shown."),
    )
    name_tg = models.CharField(
        _("name in Tajik"),
        max_length=120,
        blank=True,
        help_text=_("Shown in the Tajik interface. Left blank, the English name is shown."),
    )
    name_tr = models.CharField(
        _("name in Turkish"),
        max_length=120,
        blank=True,
        help_text=_("Shown in the Turkish interface. Left blank, the English name is shown."),
    )

    class Meta:
        abstract = True

    def __str__(self):
        return self.localized_name

    def name_in(self, language):
        """The name in `language`; the English name where that one is blank or has no column."""
        if language in NAME_LANGUAGES:
            value = getattr(self, f"name_{language}", "")
            if value:
                return value
        return self.name

    @property
    def localized_name(self):
        """The name in the active interface language."""
        return self.name_in(current_language())

    def sort_key(self, language=None):
        language = language or current_language()
        return collation_key(self.name_in(language), language)


def sort_by_localized_name(rows, language=None):
    """Reference rows sorted by their name in `language` (the active one by default)."""
    language = language or current_language()
    return sorted(rows, key=lambda row: row.sort_key(language))


class LocalizedChoiceIterator(ModelChoiceIterator):
    """Choices of a model choice field, sorted by the name shown in the active language.

    One query, as the stock iterator: the sort happens on the fetched rows.
    """

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        queryset = self.queryset
        if not queryset._prefetch_related_lookups:
            queryset = queryset.iterator()
        for obj in sort_by_localized_name(queryset):
            yield self.choice(obj)


def sort_reference_choices(form):
    """Make the form's choice fields over reference rows list them by their shown name."""
    for field in form.fields.values():
        queryset = getattr(field, "queryset", None)
        if queryset is not None and issubclass(queryset.model, LocalizedNameModel):
            field.iterator = LocalizedChoiceIterator
            field.widget.choices = field.choices
    return form
