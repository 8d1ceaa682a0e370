"""Forms for communities, rooms and messages (the pages that work without JavaScript)."""

import secrets

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from community import images
from community.discussions.models import Community, Room
from community.localized import sort_reference_choices
from community.models import Language, Region

COVER_FORMATS = {"JPEG", "PNG", "WEBP"}
COVER_MESSAGES = {
    images.TOO_LARGE: _("The image is too large (%(size)s MB); the limit is %(limit)s MB."),
    images.SVG: _("Upload a JPEG, PNG or WebP image."),
    images.NOT_IMAGE: _("Upload a JPEG, PNG or WebP image."),
    images.FORMAT: _("Upload a JPEG, PNG or WebP image."),
    images.PIXELS: _("The image has too many pixels."),
}
COVER_CODES = {
    images.TOO_LARGE: "too_large",
    images.SVG: "invalid_image",
    images.NOT_IMAGE: "invalid_image",
    images.FORMAT: "invalid_image",
    images.PIXELS: "too_large",
}


def new_client_id():
    """A fresh client id for a no-JS post form: a double submit of the same form posts once."""
    return "form-" + secrets.token_urlsafe(16)


class CoverField(forms.FileField):
    """A cover image: a real raster image (JPEG, PNG, WebP) of bounded size, like avatars.

    Cleans to a new JPEG ContentFile cropped to COMMUNITY_COVER_SIZE.
    """

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if not upload or upload is initial:
            return upload
        try:
            image = images.verify_image(
                upload,
                max_bytes=settings.COMMUNITY_COVER_MAX_BYTES,
                max_pixels=settings.AVATAR_MAX_PIXELS,
                formats=COVER_FORMATS,
                messages=COVER_MESSAGES,
            )
        except images.ImageRejected as error:
            raise forms.ValidationError(
                error.message, code=COVER_CODES[error.code], params=error.params
            ) from None
        return image.resized(
            size=settings.COMMUNITY_COVER_SIZE,
            crop=True,
            format="JPEG",
            quality=82,
            name="cover.jpg",
        )


class CommunityForm(forms.ModelForm):
    cover = CoverField(
        label=_("Cover image"),
        required=False,
        help_text=_("JPEG, PNG or WebP; it is cropped to a wide banner."),
    )
    remove_cover = forms.BooleanField(label=_("Remove the cover image"), required=False)

    class Meta:
        model = Community
        fields = [
            "name",
            "description",
            "topic",
            "region",
            "language",
            "visibility",
            "featured_resources",
        ]
        help_texts = {
            "description": _("Light formatting: *emphasis*, **strong**, lists with “- ”, links."),
            "featured_resources": _(
                "One per line: Title | https://address (guides, recordings, documents)."
            ),
            "region": _(
                "Private communities can be found by teachers of this region, who may ask to join."
            ),
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "featured_resources": forms.Textarea(attrs={"rows": 4}),
            "visibility": forms.RadioSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = Region.objects.select_related("country")
        self.fields["language"].queryset = Language.objects.all()
        sort_reference_choices(self)
        if not self.instance.pk or not self.instance.cover_image:
            del self.fields["remove_cover"]


class RoomForm(forms.ModelForm):
    class Meta:
        model = Room
        fields = ["title", "topic"]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Your message"),
        required=False,
        strip=False,
        # the placeholder repeats the label, which phones show only to screen readers
        widget=forms.Textarea(attrs={"rows": 3, "placeholder": _("Your message")}),
        help_text=_(
            "Light formatting: *emphasis*, **strong**, `code`, lists, links; @username mentions a member."
        ),
    )
    client_id = forms.CharField(widget=forms.HiddenInput, max_length=64)
    reply_to = forms.IntegerField(widget=forms.HiddenInput, required=False)
    attachments = MultipleFileField(
        label=_("Attach images or documents"),
        required=False,
        help_text=_(
            "Images (JPEG, PNG, WebP, GIF) or documents (PDF, Word, slides, spreadsheets)."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].widget.attrs["maxlength"] = settings.DISCUSSIONS_MAX_BODY
        if not self.is_bound:
            self.initial.setdefault("client_id", new_client_id())


class EditMessageForm(forms.Form):
    body = forms.CharField(
        label=_("Message"), strip=False, widget=forms.Textarea(attrs={"rows": 4}), required=False
    )


class InviteForm(forms.Form):
    who = forms.CharField(label=_("Username or e-mail address of the teacher"), max_length=254)


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    topic = forms.ChoiceField(label=_("Topic"), required=False)
    region = forms.ModelChoiceField(
        label=_("Region"), required=False, queryset=Region.objects.none()
    )
    language = forms.ModelChoiceField(
        label=_("Language"), required=False, queryset=Language.objects.none()
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = [("", _("Any topic")), *Community.Topic.choices]
        self.fields["region"].queryset = Region.objects.select_related("country")
        self.fields["region"].empty_label = _("Any region")
        self.fields["language"].queryset = Language.objects.all()
        self.fields["language"].empty_label = _("Any language")
        sort_reference_choices(self)


class NewConversationForm(MessageForm):
    """A first message: to whom (handles), then the message itself."""

    to = forms.CharField(
        label=pgettext_lazy("the people a message is for", "To"),
        max_length=400,
        help_text=_("Their handles, like @aysel-mammadova; up to seven people, separated by commas."),
    )

    field_order = ["to", "body", "attachments", "client_id", "reply_to"]

    def clean_to(self):
        from community.models import User

        handles = []
        for part in self.cleaned_data["to"].replace(",", " ").split():
            handle = part.strip().lstrip("@")
            if handle and handle.lower() not in {h.lower() for h in handles}:
                handles.append(handle)
        if not handles:
            raise forms.ValidationError(_("Write the handle of at least one teacher."))
        users = []
        for handle in handles:
            user = (
                User.objects.select_related("profile")
                .filter(username__iexact=handle, is_active=True)
                .first()
            )
            if user is None:
                raise forms.ValidationError(
                    _("No teacher has the handle @%(handle)s.") % {"handle": handle}
                )
            users.append(user)
        return users
