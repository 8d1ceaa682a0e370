"""Profile editing: fields, school, grades, cleaned bio, validated and re-encoded avatar, language and time zone."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from community.models import Profile, School
from tests.community import people_factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def me(client):
    region = f.region("Shaki-Zagatala")
    school = f.school(name="Kish village secondary school", region_obj=region, rural=True)
    user = f.teacher(
        email="aysel@example.az", name="Aysel", school_obj=school, interface_language="en"
    )
    client.force_login(user)
    return user


def form_data(user, **extra):
    profile = user.profile
    data = {
        "display_name": "Aysel Məmmədova",
        "region": str(profile.school.region_id),
        "school": str(profile.school_id),
        "subjects": [],
        "languages": [],
        "grades_min": "5",
        "grades_max": "11",
        "bio": "",
        "interface_language": "en",
        "time_zone": "Asia/Baku",
        "looking_for_partners": "on",
    }
    data.update(extra)
    return data


def test_edit_profile_saves_everything_and_shows_it_on_the_public_page(client, me):
    from community.models import Language, Subject

    english = Subject.objects.get(slug="english")
    az = Language.objects.get(code="az")
    response = client.post(
        "/en/accounts/profile/",
        form_data(
            me, subjects=[str(english.pk)], languages=[str(az.pk)], bio="I teach **English**."
        ),
    )
    assert response.status_code == 302
    profile = Profile.objects.get(user=me)
    assert profile.display_name == "Aysel Məmmədova"
    assert list(profile.subjects.all()) == [english]
    assert (profile.grades_min, profile.grades_max, profile.looking_for_partners) == (5, 11, True)
    page = client.get(f"/en/teachers/{me.pk}/").content.decode()
    assert "Aysel Məmmədova" in page and "<strong>English</strong>" in page
    assert "Kish village secondary school" in page and "rural school" in page
    assert "Looking for project partners" in page and "verified teacher" in page


def test_bio_with_script_and_event_handlers_is_cleaned(client, me):
    bio = '<script>alert(1)</script> <img src=x onerror="alert(2)"> <a href="javascript:alert(3)">x</a> hello'
    client.post("/en/accounts/profile/", form_data(me, bio=bio))
    html = Profile.objects.get(user=me).bio_html
    # Written as text, shown as text: no live tag, attribute or link survives.
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    assert not soup.find_all(["script", "img"])
    assert not any(tag.attrs.get("onerror") for tag in soup.find_all(True))
    assert not any(a.get("href", "").startswith("javascript") for a in soup.find_all("a"))
    assert "<script>alert(1)</script>" in soup.get_text() and "hello" in soup.get_text()
    page = client.get(f"/en/teachers/{me.pk}/").content.decode()
    assert "<script>alert(1)" not in page


@pytest.mark.parametrize(
    ("low", "high", "message"),
    [
        ("9", "5", "cannot be lower than the lowest"),
        ("5", "15", "from 0 (pre-school) to 12"),
        ("5", "", "both the lowest and the highest"),
    ],
)
def test_grades_are_validated(client, me, low, high, message):
    response = client.post(
        "/en/accounts/profile/",
        form_data(me, grades_min=low, grades_max=high, display_name="Changed"),
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Profile.objects.get(user=me).display_name == "Aysel"  # nothing half-saved


def upload(name, content, content_type="image/png"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def test_avatar_is_cropped_resized_and_stripped_of_metadata(client, me, settings):
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"  # camera make
    exif[0x8825] = {1: "N"}  # GPS info
    data = f.image_bytes("JPEG", size=(900, 500), exif=exif.tobytes())
    assert b"SecretCam" in data
    response = client.post(
        "/en/accounts/profile/", form_data(me, avatar_upload=upload("me.jpg", data, "image/jpeg"))
    )
    assert response.status_code == 302
    profile = Profile.objects.get(user=me)
    stored = profile.avatar.read()
    assert b"SecretCam" not in stored
    with Image.open(io.BytesIO(stored)) as image:
        assert image.size == (settings.AVATAR_SIZE, settings.AVATAR_SIZE)
        assert not image.getexif()
    assert profile.avatar_url in client.get(f"/en/teachers/{me.pk}/").content.decode()


def test_avatar_is_turned_upright_and_keeps_no_position_xmp_or_comment(client, me, settings):
    from tests.support.photos import assert_forgotten, located_photo

    response = client.post(
        "/en/accounts/profile/",
        form_data(me, avatar_upload=upload("me.jpg", located_photo("JPEG"), "image/jpeg")),
    )
    assert response.status_code == 302
    profile = Profile.objects.get(user=me)
    size = (settings.AVATAR_SIZE, settings.AVATAR_SIZE)
    assert_forgotten(profile.avatar.read(), fmt="JPEG", size=size)


def test_png_with_transparency_and_webp_are_accepted(client, me):
    png = f.image_bytes("PNG", size=(300, 300), alpha=True)
    assert (
        client.post(
            "/en/accounts/profile/", form_data(me, avatar_upload=upload("a.png", png))
        ).status_code
        == 302
    )
    webp = f.image_bytes("WEBP", size=(300, 300))
    assert (
        client.post(
            "/en/accounts/profile/",
            form_data(me, avatar_upload=upload("a.webp", webp, "image/webp")),
        ).status_code
        == 302
    )
    assert Profile.objects.get(user=me).avatar


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "me.svg",
            b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>',
            "SVG",
        ),
        ("me.png", b'<svg xmlns="http://www.w3.org/2000/svg"></svg>', "SVG"),
        ("me.jpg", b"this is not an image at all, just text" * 10, "not an image we can read"),
        ("me.gif", f.image_bytes("GIF"), "Only JPEG, PNG and WebP"),
        ("me.bmp", f.image_bytes("BMP"), "Only JPEG, PNG and WebP"),
        ("me.jpg", f.image_bytes("JPEG")[:200], "not an image we can read"),
    ],
)
def test_bad_avatars_are_refused_with_a_clear_message_and_nothing_is_saved(
    client, me, name, content, message
):
    response = client.post(
        "/en/accounts/profile/",
        form_data(me, display_name="Changed", avatar_upload=upload(name, content)),
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    profile = Profile.objects.get(user=me)
    assert not profile.avatar and profile.display_name == "Aysel"


def test_too_large_avatar_is_refused(client, me, settings):
    settings.AVATAR_MAX_BYTES = 10_000
    noisy = Image.effect_noise((400, 400), 100).convert("RGB")
    buffer = io.BytesIO()
    noisy.save(buffer, format="PNG")
    big = buffer.getvalue()
    assert len(big) > 10_000
    response = client.post(
        "/en/accounts/profile/", form_data(me, avatar_upload=upload("big.png", big))
    )
    assert "too large" in response.content.decode()
    assert not Profile.objects.get(user=me).avatar


def test_remove_avatar(client, me):
    client.post(
        "/en/accounts/profile/", form_data(me, avatar_upload=upload("a.png", f.image_bytes()))
    )
    assert Profile.objects.get(user=me).avatar
    client.post("/en/accounts/profile/", form_data(me, remove_avatar="on"))
    assert not Profile.objects.get(user=me).avatar


def test_interface_language_is_applied_on_save(client, me):
    response = client.post("/en/accounts/profile/", form_data(me, interface_language="ru"))
    assert response["Location"] == "/ru/accounts/profile/"
    assert response.cookies["django_language"].value == "ru"
    page = client.get(response["Location"]).content.decode()
    assert '<html lang="ru"' in page


def test_time_zone_is_used_for_the_signed_in_user(client, me):
    from django.utils import timezone

    client.post("/en/accounts/profile/", form_data(me, time_zone="Asia/Almaty"))
    assert Profile.objects.get(user=me).time_zone == "Asia/Almaty"
    response = client.get("/en/accounts/profile/")
    assert response.status_code == 200
    assert str(timezone.get_current_timezone()) == "Asia/Almaty"


def test_unknown_time_zone_is_refused(client, me):
    response = client.post("/en/accounts/profile/", form_data(me, time_zone="Mars/Olympus"))
    assert response.status_code == 200
    assert Profile.objects.get(user=me).time_zone == "Asia/Baku"


def test_change_school_to_a_new_one_in_another_region(client, me):
    region = f.region("Kyzylorda", "KZ")
    client.post(
        "/en/accounts/profile/",
        form_data(
            me,
            region=str(region.pk),
            school="",
            school_not_listed="on",
            new_school_name="Zhalagash village school",
        ),
    )
    me.profile.refresh_from_db()
    assert (
        me.profile.school.name == "Zhalagash village school" and me.profile.school.region == region
    )
    assert School.objects.filter(name="Zhalagash village school").count() == 1


def test_profile_editing_needs_sign_in(client):
    response = client.get("/en/accounts/profile/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_unverified_teacher_may_edit_the_profile_and_is_told_about_verification(client):
    user = f.teacher(verified=False)
    client.force_login(user)
    page = client.get("/en/accounts/profile/").content.decode()
    assert "not verified yet" in page
    response = client.post(
        "/en/accounts/profile/",
        {"display_name": "New name", "interface_language": "en", "time_zone": "Asia/Baku"},
    )
    assert response.status_code == 302
    assert Profile.objects.get(user=user).display_name == "New name"


def test_a_user_without_a_profile_gets_one(client):
    from community.models import User

    user = User.objects.create_user(
        username="bare@example.org", email="bare@example.org", password="x", email_confirmed=True
    )
    client.force_login(user)
    assert client.get("/en/accounts/profile/").status_code == 200
    # Named after the account's handle, not after its e-mail address.
    user.refresh_from_db()
    assert "@" not in user.username and "bare" not in user.username
    assert Profile.objects.filter(user=user, display_name=user.username).exists()
