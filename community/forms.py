"""Forms of the people area: sign-up, sign-in, profile, directory filters, account deletion."""

import zoneinfo
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.forms.utils import ErrorDict
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from community import images
from community.auth import client_address, login_blocked, login_failed
from community.localized import current_language, sort_by_localized_name, sort_reference_choices
from community.models import (
    HANDLE_MAX_LENGTH,
    Country,
    Language,
    Profile,
    Region,
    School,
    Subject,
    User,
)
from community.services import AccountError, handle_clean

AVATAR_FORMATS = {"JPEG", "PNG", "WEBP"}
AVATAR_MESSAGES = {
    images.TOO_LARGE: _("The photo is too large (%(size)s MB); the limit is %(limit)s MB."),
    images.SVG: _(
        "SVG and other drawings are not accepted as a photo. Upload a JPEG, PNG or WebP image."
    ),
    images.NOT_IMAGE: _("This file is not an image we can read. Upload a JPEG, PNG or WebP photo."),
    images.FORMAT: _("Only JPEG, PNG and WebP photos are accepted."),
    images.PIXELS: _("The photo has too many pixels; upload a smaller one."),
}
MAX_GRADE = 12


def quiet(form):
    """Show a bound form again without validating it (used by "show schools of this region")."""
    form._errors = ErrorDict()
    return form


def region_choices(blank_label):
    """Regions grouped by country, for a <select> with <optgroup>s, named and sorted in the interface language."""
    language = current_language()
    groups = {}
    for region in sort_by_localized_name(Region.objects.select_related("country"), language):
        groups.setdefault(region.country.name_in(language), []).append(
            (str(region.pk), region.name_in(language))
        )
    return [("", blank_label), *groups.items()]


class SchoolChoiceMixin:
    """A region select and a school select filtered to that region; or a new school.

    Works without JavaScript: the "Show schools" button posts the form back and
    the page comes back with the region's schools in the list.
    """

    school_required = True

    def add_school_fields(self, initial_region=None, initial_school=None):
        self.fields["region"] = forms.ChoiceField(
            label=_("Region of your school"),
            choices=region_choices(_("Choose a region")),
            required=False,
            error_messages={"invalid_choice": _("Choose a region from the list.")},
        )
        region_id = self._region_id(initial_region)
        schools = (
            School.objects.filter(region_id=region_id).order_by("name")
            if region_id
            else School.objects.none()
        )
        if region_id:
            school_choices = [
                ("", _("Choose your school")),
                *((str(s.pk), s.name) for s in schools),
            ]
        else:
            school_choices = [("", _("Choose a region first, then “Show schools”"))]
        self.fields["school"] = forms.ChoiceField(
            label=_("School"),
            choices=school_choices,
            required=False,
            error_messages={"invalid_choice": _("Choose a school of the selected region.")},
        )
        self.fields["school_not_listed"] = forms.BooleanField(
            label=_("My school is not listed: add it"), required=False
        )
        self.fields["new_school_name"] = forms.CharField(
            label=_("Name of the new school"), max_length=200, required=False
        )
        self.fields["new_school_settlement"] = forms.CharField(
            label=_("Town or village"), max_length=120, required=False
        )
        self.fields["new_school_kind"] = forms.ChoiceField(
            label=_("Type of school"),
            choices=School.Kind.choices,
            initial=School.Kind.GENERAL,
            required=False,
        )
        self.fields["new_school_rural"] = forms.BooleanField(
            label=_("It is a rural school"), required=False
        )
        self.fields["new_school_inclusive"] = forms.BooleanField(
            label=_("It is an inclusive-practice school"), required=False
        )
        if initial_region and not self.is_bound:
            self.initial["region"] = str(initial_region)
        if initial_school and not self.is_bound:
            self.initial["school"] = str(initial_school)

    def _region_id(self, initial_region):
        raw = self.data.get(self.add_prefix("region")) if self.is_bound else initial_region
        try:
            return int(raw) if raw else None
        except (TypeError, ValueError):
            return None

    def clean_school_fields(self, cleaned):
        """Sets cleaned['school'] to a School, or cleaned['new_school'] to a dict for a new one."""
        region = None
        if cleaned.get("region"):
            region = Region.objects.filter(pk=cleaned["region"]).first()
            if region is None:
                self.add_error("region", _("Choose a region from the list."))
                return cleaned
        cleaned["region"] = region
        cleaned["new_school"] = None
        if cleaned.get("school_not_listed"):
            name = (cleaned.get("new_school_name") or "").strip()
            if region is None:
                self.add_error("region", _("Choose the region of the new school from the list."))
            if not name:
                self.add_error("new_school_name", _("Write the name of your school."))
            if region is not None and name:
                if School.objects.filter(region=region, name__iexact=name).exists():
                    self.add_error(
                        "new_school_name",
                        _("This school is already listed in that region: choose it from the list."),
                    )
                else:
                    cleaned["new_school"] = {
                        "name": name,
                        "region": region,
                        "settlement": (cleaned.get("new_school_settlement") or "").strip(),
                        "kind": cleaned.get("new_school_kind") or School.Kind.GENERAL,
                        "is_rural": bool(cleaned.get("new_school_rural")),
                        "is_inclusive": bool(cleaned.get("new_school_inclusive")),
                    }
            cleaned["school"] = None
            return cleaned
        school = None
        if cleaned.get("school"):
            school = (
                School.objects.filter(pk=cleaned["school"], region=region).first()
                if region
                else None
            )
            if school is None:
                self.add_error("school", _("Choose a school of the selected region."))
        elif self.school_required:
            if region is None:
                self.add_error("region", _("Choose the region of your school."))
            else:
                self.add_error(
                    "school", _("Choose your school, or tick “My school is not listed” and add it.")
                )
        cleaned["school"] = school
        return cleaned


class SignUpForm(SchoolChoiceMixin, forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    display_name = forms.CharField(
        label=_("Your name as others will see it"),
        max_length=120,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 10 characters; not a common password and not only digits."),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_school_fields()

    def clean_email(self):
        # Whether the address already has an account is not said here (the service mails its owner).
        return self.cleaned_data["email"].strip().lower()

    def clean(self):
        cleaned = super().clean()
        p1, p2 = cleaned.get("password1"), cleaned.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("The two passwords are not the same."))
        elif p1:
            probe = User(username=cleaned.get("email") or "", email=cleaned.get("email") or "")
            probe.first_name = cleaned.get("display_name") or ""
            try:
                password_validation.validate_password(p1, probe)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return self.clean_school_fields(cleaned)


class LoginForm(AuthenticationForm):
    """Sign in by e-mail address; refuses unconfirmed accounts; throttles failures."""

    username = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "That e-mail address and password do not match an account. Check both and try again."
        ),
        "inactive": _("This account is closed."),
        "throttled": _(
            "Too many failed sign-in attempts. Please wait %(minutes)s minutes before trying again, "
            "or reset your password."
        ),
    }

    def clean(self):
        email = (self.cleaned_data.get("username") or "").strip().lower()
        address = client_address(self.request)
        if email and login_blocked(email, address):
            raise forms.ValidationError(
                self.error_messages["throttled"],
                code="throttled",
                params={"minutes": max(1, settings.LOGIN_THROTTLE_WINDOW // 60)},
            )
        try:
            return super().clean()
        except forms.ValidationError as error:
            if getattr(error, "code", None) == "invalid_login":
                login_failed(email, address)
            raise

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if not user.email_confirmed:
            raise forms.ValidationError(
                format_html(
                    '{} <a href="{}">{}</a>',
                    _("Please confirm your e-mail address first: open the link we sent you."),
                    reverse("confirm_resend") + "?" + urlencode({"email": user.email}),
                    _("Send the link again"),
                ),
                code="unconfirmed",
            )


class ResendConfirmationForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )


def time_zone_choices():
    return [
        (name, name.replace("_", " "))
        for name in sorted(zoneinfo.available_timezones())
        if "/" in name and not name.startswith(("Etc/", "SystemV/", "posix/", "right/"))
    ]


class AvatarField(forms.FileField):
    """A real raster image (JPEG, PNG or WebP) of bounded size; SVG and anything else refused."""

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if not upload or upload is initial:
            return upload
        try:
            image = images.verify_image(
                upload,
                max_bytes=settings.AVATAR_MAX_BYTES,
                max_pixels=settings.AVATAR_MAX_PIXELS,
                formats=AVATAR_FORMATS,
                messages=AVATAR_MESSAGES,
            )
        except images.ImageRejected as error:
            raise forms.ValidationError(
                error.message, code=error.code, params=error.params
            ) from None
        upload.image_bytes = image.data
        return upload


class ProfileForm(SchoolChoiceMixin, forms.ModelForm):
    school_required = False

    avatar_upload = AvatarField(
        label=_("Photo"),
        required=False,
        help_text=_("JPEG, PNG or WebP, up to %(limit)s MB. It is cropped to a square.")
        % {"limit": settings.AVATAR_MAX_BYTES // 1_048_576},
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    remove_avatar = forms.BooleanField(label=_("Remove my photo"), required=False)
    handle = forms.CharField(
        label=_("Handle"),
        max_length=HANDLE_MAX_LENGTH + 1,  # a leading @ is allowed and dropped
        required=False,  # left empty: the handle stays as it is
        help_text=_(
            "Others mention you with @handle. Letters, digits, dots, hyphens or underscores; "
            "it is public, so never your e-mail address."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "username", "spellcheck": "false"}),
    )
    time_zone = forms.ChoiceField(label=_("Time zone"), choices=time_zone_choices)

    class Meta:
        model = Profile
        fields = [
            "display_name",
            "subjects",
            "grades_min",
            "grades_max",
            "languages",
            "bio",
            "interface_language",
            "time_zone",
            "looking_for_partners",
            "email_on_mention",
            "email_digest",
            "data_saver",
        ]
        widgets = {
            "subjects": forms.CheckboxSelectMultiple,
            "languages": forms.CheckboxSelectMultiple,
            "bio": forms.Textarea(attrs={"rows": 6}),
            "data_saver": forms.CheckboxInput(attrs={"aria-describedby": "data-saver-help"}),
        }
        help_texts = {
            "bio": _(
                "Plain text; blank lines make paragraphs, *emphasis*, **bold**, lists with “- ”, links."
            ),
            "grades_min": _("From 0 (pre-school) to 12."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        school = self.instance.school if self.instance.pk else None
        self.add_school_fields(
            initial_region=school.region_id if school else None,
            initial_school=school.pk if school else None,
        )
        if self.instance.pk and not self.is_bound:
            self.initial["handle"] = self.instance.user.username
        self.fields["grades_min"].widget.attrs.update(min=0, max=MAX_GRADE)
        self.fields["grades_max"].widget.attrs.update(min=0, max=MAX_GRADE)
        self.fields["interface_language"].choices = settings.LANGUAGES
        self.fields["email_digest"].required = False
        self.fields["subjects"].queryset = Subject.objects.order_by("name")
        self.fields["languages"].queryset = Language.objects.order_by("name")
        sort_reference_choices(self)
        order = [
            "display_name",
            "handle",
            "avatar_upload",
            "remove_avatar",
            "bio",
            "region",
            "school",
            "school_not_listed",
            "new_school_name",
            "new_school_settlement",
            "new_school_kind",
            "new_school_rural",
            "new_school_inclusive",
            "subjects",
            "grades_min",
            "grades_max",
            "languages",
            "looking_for_partners",
            "interface_language",
            "time_zone",
            "email_on_mention",
            "email_digest",
        ]
        self.order_fields(order)

    def clean_email_digest(self):
        # Left out of a form posted by an older page: keep the teacher's choice.
        return self.cleaned_data.get("email_digest") or self.instance.email_digest or "weekly"

    def clean_handle(self):
        if not (self.cleaned_data.get("handle") or "").strip().lstrip("@"):
            return None
        try:
            return handle_clean(
                self.cleaned_data["handle"], user=self.instance.user if self.instance.pk else None
            )
        except AccountError as error:
            raise forms.ValidationError(error.detail, code="handle") from None

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("grades_min"), cleaned.get("grades_max")
        for name, value in (("grades_min", low), ("grades_max", high)):
            if value is not None and value > MAX_GRADE:
                self.add_error(name, _("Grades go from 0 (pre-school) to 12."))
        if low is not None and high is not None and low > high:
            self.add_error(
                "grades_max", _("The highest grade cannot be lower than the lowest grade.")
            )
        if (low is None) != (high is None):
            self.add_error(
                "grades_max" if high is None else "grades_min",
                _("Give both the lowest and the highest grade, or neither."),
            )
        return self.clean_school_fields(cleaned)


class TeacherFilterForm(forms.Form):
    """The teacher directory's filters (GET)."""

    q = forms.CharField(label=_("Name or school"), required=False, max_length=100)
    country = forms.ModelChoiceField(
        label=_("Country"),
        queryset=Country.objects.all(),
        required=False,
        empty_label=_("Any country"),
    )
    region = forms.ChoiceField(label=_("Region"), required=False)
    subject = forms.ModelChoiceField(
        label=_("Subject"),
        queryset=Subject.objects.all(),
        required=False,
        empty_label=_("Any subject"),
    )
    language = forms.ModelChoiceField(
        label=_("Language"),
        queryset=Language.objects.all(),
        required=False,
        empty_label=_("Any language"),
    )
    rural = forms.BooleanField(label=_("Rural schools only"), required=False)
    looking = forms.BooleanField(label=_("Looking for project partners"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = region_choices(_("Any region"))
        self.fields["region"].error_messages["invalid_choice"] = _("Choose a region from the list.")
        sort_reference_choices(self)

    def filters(self):
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "q": data.get("q") or "",
            "country": data["country"].pk if data.get("country") else None,
            "region": int(data["region"]) if data.get("region") else None,
            "subject": data["subject"].pk if data.get("subject") else None,
            "language": data["language"].pk if data.get("language") else None,
            "rural": bool(data.get("rural")),
            "looking": bool(data.get("looking")),
        }


class PasswordConfirmForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That is not your password."))
        return password
