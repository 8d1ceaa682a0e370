"""Pupils in a project's workspace: one test (at least) for each line of the README's
"Pupils: what they can and cannot do"."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from community.discussions.models import Message, Notification
from community.errors import ActionError
from community.models import User
from projects import services
from projects.models import Pupil, PupilClass

from . import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache():
    from django.core.cache import cache

    cache.clear()


def classes():
    """A running, pre-moderated project: the founder's class 5B (Aziz, Leyla), the partner's 6A (Dana)."""
    project, founder, partner = f.two_school_project(title="Rivers of two regions")
    own = services.pupil_class_create(actor=founder, project=project, name="5B")
    aziz, leyla = services.pupils_add(actor=founder, pupil_class=own, text="Aziz K 5\nLeyla M. 5")
    other = services.pupil_class_create(actor=partner, project=project, name="6A")
    (dana,) = services.pupils_add(actor=partner, pupil_class=other, text="Dana, S, 6")
    project.refresh_from_db()
    return project, founder, partner, own, aziz, leyla, dana


def signed_in(client, pupil):
    client.force_login(User.objects.get(pk=pupil.user_id))
    return client


def say(client, project, body, **extra):
    return client.post(
        reverse("discussions:room_post", args=[project.room_id]),
        {"body": body, "client_id": f"c-{abs(hash(body))}", **extra},
    )


# --- a teacher makes a class ---------------------------------------------------------------------


def test_a_class_list_keeps_first_name_initial_and_grade_only():
    project, founder, _p, own, aziz, leyla, _d = classes()
    assert (aziz.first_name, aziz.initial, aziz.grade, aziz.name) == ("Aziz", "K", 5, "Aziz K.")
    assert leyla.name == "Leyla M."
    user = aziz.user
    assert user.is_pupil and not user.email_confirmed and user.email.endswith(".invalid")
    assert not hasattr(user, "profile") or user.profile is None
    assert len(own.code) == 6 and own.code.isalnum()


def test_a_wrong_line_adds_nobody_and_names_the_line(client):
    project, founder, _p, own, *_ = classes()
    client.force_login(founder)
    response = client.post(
        reverse("projects:pupils", args=[project.pk]),
        {"action": "add", "class": own.pk, "pupils": "Nigar A 4\nSamir Aliyev 2014-03-01"},
    )
    assert response.status_code == 400
    assert "Line 2" in response.content.decode()
    assert "Samir Aliyev 2014-03-01" in response.content.decode()  # the typed list is kept
    assert not Pupil.objects.filter(first_name="Nigar").exists()


def test_a_class_has_at_most_its_limit(settings):
    settings.PUPILS_PER_CLASS = 3
    project, founder, _p, own, *_ = classes()
    with pytest.raises(ActionError):
        services.pupils_add(actor=founder, pupil_class=own, text="Nigar A 4\nSamir B 4")
    assert own.pupils.count() == 2


def test_only_the_classs_own_teacher_changes_it_and_outsiders_see_no_pupils_tab(client):
    project, founder, partner, own, aziz, *_ = classes()
    with pytest.raises(ActionError):
        services.pupils_add(actor=partner, pupil_class=own, text="Nigar A 4")
    with pytest.raises(ActionError):
        services.pupil_remove(actor=partner, pupil=aziz)
    outsider = f.teacher("Outsider", school_obj=f.school("School X"))
    client.force_login(outsider)
    assert client.get(reverse("projects:pupils", args=[project.pk])).status_code == 404
    assert client.get(reverse("projects:pupil_cards", args=[project.pk, own.pk])).status_code == 404
    client.force_login(partner)  # another teacher of the project: names and counts, no cards
    page = client.get(reverse("projects:pupils", args=[project.pk])).content.decode()
    assert "5B" in page and own.code not in page
    assert client.get(reverse("projects:pupil_cards", args=[project.pk, own.pk])).status_code == 404


def test_the_teacher_prints_cards_with_the_code_the_name_and_the_password(client):
    project, founder, _p, own, aziz, leyla, _d = classes()
    client.force_login(founder)
    page = client.get(reverse("projects:pupil_cards", args=[project.pk, own.pk])).content.decode()
    word = aziz.card_word.rstrip("0123456789")
    number = aziz.card_word[len(word):]
    assert own.code in page and "Aziz K." in page and "Leyla M." in page
    assert word in page and number in page


# --- a pupil can ----------------------------------------------------------------------------------


def test_a_pupil_signs_in_with_the_class_code_and_the_card(client):
    project, _f, _p, own, aziz, *_ = classes()
    word = aziz.card_word.rstrip("0123456789")
    typed = f"{word.title()} {aziz.card_word[len(word):]}"  # "Cat 417", as a child types it
    response = client.post(
        reverse("projects:pupil_sign_in"), {"code": own.code.lower(), "password": typed}
    )
    assert response.status_code == 302
    response = client.get(response["Location"])
    assert response["Location"] == reverse("projects:workspace", args=[project.pk])
    assert "Rivers of two regions" in client.get(response["Location"]).content.decode()


def test_a_wrong_card_is_told_plainly_and_too_many_are_stopped(client, settings):
    settings.PUPIL_SIGN_IN_THROTTLE_ATTEMPTS = 3
    _project, _f, _p, own, aziz, *_ = classes()
    for _attempt in range(3):
        response = client.post(
            reverse("projects:pupil_sign_in"), {"code": own.code, "password": "moon000"}
        )
        assert response.status_code == 400
        assert "Look at your card again" in response.content.decode()
    response = client.post(
        reverse("projects:pupil_sign_in"), {"code": own.code, "password": aziz.card_word}
    )
    assert response.status_code == 429  # even the right card waits: the class code is locked
    assert "_auth_user_id" not in client.session


def test_a_pupil_reads_and_posts_in_the_project_room_and_reads_its_pages_and_files(client):
    project, founder, _p, _own, aziz, *_ = classes()
    services.page_create(actor=founder, project=project, title="Our river", body="It is **cold**.")
    services.file_upload(
        actor=founder, project=project, upload=SimpleUploadedFile("map.pdf", b"%PDF-1.4 map", "application/pdf")
    )
    signed_in(client, aziz)
    response = say(client, project, "We found three fish!")
    assert response.status_code == 302
    message = Message.objects.get(body="We found three fish!")
    assert message.author_id == aziz.user_id
    assert "Our river" in client.get(reverse("projects:pages", args=[project.pk])).content.decode()
    files = client.get(reverse("projects:files", args=[project.pk])).content.decode()
    assert "map.pdf" in files
    item = project.files.get()
    assert client.get(reverse("projects:file", args=[item.pk])).status_code == 200


def test_a_pupil_attaches_images_and_documents_only(client):
    project, _f, _p, _own, aziz, *_ = classes()
    signed_in(client, aziz)
    say(client, project, "Our notes", attachments=[SimpleUploadedFile("notes.pdf", b"%PDF-1.4 x", "application/pdf")])
    assert Message.objects.get(body="Our notes").attachments.count() == 1
    response = say(
        client, project, "A game", attachments=[SimpleUploadedFile("game.exe", b"MZ...", "application/octet-stream")]
    )
    assert response.status_code == 302
    assert not Message.objects.filter(body="A game").exists()
    page = client.get(reverse("projects:workspace", args=[project.pk])).content.decode()
    assert "cannot be attached" in page and "A game" in page  # told why; the text is kept


# --- pre-moderation ------------------------------------------------------------------------------


def test_teachers_see_a_pupils_post_at_once_the_other_pupils_only_after_approval(client):
    project, founder, partner, _own, aziz, leyla, dana = classes()
    signed_in(client, aziz)
    say(client, project, "The water is brown after rain")
    message = Message.objects.get(body="The water is brown after rain")
    assert message.status == Message.Status.HELD and message.held_reason == "pupil"

    def sees(user):
        client.force_login(user)
        return "brown after rain" in client.get(reverse("projects:workspace", args=[project.pk])).content.decode()

    assert sees(founder) and sees(partner)
    assert sees(User.objects.get(pk=aziz.user_id))  # the writer, marked as waiting
    assert not sees(User.objects.get(pk=leyla.user_id))
    assert not sees(User.objects.get(pk=dana.user_id))

    # the partner is not Aziz's teacher: cannot publish it
    with pytest.raises(ActionError):
        services.pupil_post_decide(actor=partner, message_id=message.pk, approve=True)
    client.force_login(founder)
    tab = client.get(reverse("projects:pupils", args=[project.pk])).content.decode()
    assert "brown after rain" in tab
    client.post(reverse("projects:pupils", args=[project.pk]), {"action": "approve", "message": message.pk})
    message.refresh_from_db()
    assert message.status == Message.Status.PUBLISHED
    assert sees(User.objects.get(pk=dana.user_id))


def test_a_refused_post_stays_with_its_writer_and_the_teachers():
    project, founder, _p, _own, aziz, leyla, _d = classes()
    from community.discussions.selectors import visible_messages

    message, _created = _post_as(aziz, project, "my phone number is 555")
    services.pupil_post_decide(actor=founder, message_id=message.pk, approve=False, reason="No phone numbers")
    message.refresh_from_db()
    assert message.status == Message.Status.REJECTED
    assert not visible_messages(project.room, User.objects.get(pk=leyla.user_id)).filter(pk=message.pk).exists()
    assert visible_messages(project.room, founder).filter(pk=message.pk).exists()


def test_without_pre_moderation_a_pupils_post_is_published_at_once():
    project, founder, _p, _own, aziz, *_ = classes()
    services.pupils_set_premoderation(actor=founder, project=project, on=False)
    project.refresh_from_db()
    message, _created = _post_as(aziz, project, "Hello partners")
    assert message.status == Message.Status.PUBLISHED


def _post_as(pupil, project, body):
    from community.discussions import services as discussions

    project.room.refresh_from_db()
    return discussions.message_post(
        user=User.objects.get(pk=pupil.user_id), room=project.room, body=body, client_id=f"p-{abs(hash(body))}"
    )


def test_teachers_see_which_pupil_wrote_what(client):
    project, founder, _p, _own, aziz, *_ = classes()
    services.pupils_set_premoderation(actor=founder, project=project, on=False)
    project.refresh_from_db()
    _post_as(aziz, project, "Our temperature: 12 degrees")
    client.force_login(founder)
    page = client.get(reverse("projects:workspace", args=[project.pk])).content.decode()
    assert "Aziz K." in page and "Pupil</span>" in page
    assert reverse("teacher_profile", args=[aziz.user_id]) not in page  # a pupil has no profile


# --- a pupil cannot ------------------------------------------------------------------------------


def test_a_pupil_cannot_sign_in_with_the_teachers_form(client):
    _project, _f, _p, _own, aziz, *_ = classes()
    user = User.objects.get(pk=aziz.user_id)
    response = client.post(reverse("login"), {"username": user.email, "password": aziz.card_word})
    assert "_auth_user_id" not in client.session
    assert response.status_code == 200


def test_a_pupil_gets_404_for_everything_outside_the_workspace(client):
    project, founder, partner, _own, aziz, *_ = classes()
    other_project = f.project(founder, title="Another project")
    from tests.community.ws_support import make_room

    room = make_room(title="Teachers' lounge")
    signed_in(client, aziz)
    for url in (
        reverse("projects:members", args=[project.pk]),
        reverse("projects:plan", args=[project.pk]),
        reverse("projects:journal", args=[project.pk]),
        reverse("projects:pupils", args=[project.pk]),
        reverse("projects:detail", args=[project.pk]),
        reverse("projects:workspace", args=[other_project.pk]),
        reverse("projects:detail", args=[other_project.pk]),
        reverse("projects:board"),
        reverse("projects:teachers"),
        reverse("projects:showcase"),
        reverse("projects:statistics"),
        reverse("teacher_directory"),
        reverse("teacher_profile", args=[founder.pk]),
        reverse("teacher_profile", args=[aziz.user_id]),
        reverse("discussions:directory"),
        reverse("discussions:community", args=[room.community.slug]),
        reverse("discussions:room", args=[room.pk]),
        reverse("discussions:inbox"),
        reverse("discussions:notifications"),
        reverse("discussions:conversation_new"),
        reverse("profile_edit"),
        reverse("data_export"),
        reverse("cms:search") + "?q=river",
        reverse("cms:news_rss"),
        reverse("cms:events_rss"),
    ):
        response = client.get(url)
        assert response.status_code == 404, url
    # the front page sends the pupil to their project
    response = client.get("/en/")
    assert response.status_code == 302


def test_a_pupil_cannot_write_to_anyone_directly(client):
    project, founder, _p, _own, aziz, *_ = classes()
    from community.discussions.services.direct import conversation_start

    pupil_user = User.objects.get(pk=aziz.user_id)
    with pytest.raises(ActionError):
        conversation_start(user=pupil_user, recipients=[founder], body="hi", client_id="d-1")
    signed_in(client, aziz)
    response = client.post(reverse("discussions:conversation_new"), {"to": founder.pk, "body": "hi"})
    assert response.status_code == 404


def test_teachers_cannot_start_a_conversation_with_a_pupil():
    project, founder, _p, _own, aziz, *_ = classes()
    from community.discussions.services.direct import conversation_start

    with pytest.raises(ActionError):
        conversation_start(
            user=founder, recipients=[User.objects.get(pk=aziz.user_id)], body="hi", client_id="d-2"
        )
    assert not Message.objects.filter(body="hi").exists()


def test_a_pupil_never_appears_in_the_directory_or_search(client):
    project, founder, _p, _own, aziz, *_ = classes()
    client.force_login(founder)
    page = client.get(reverse("teacher_directory"), {"q": "Aziz"}).content.decode()
    assert "Aziz K." not in page
    page = client.get("/en/search/", {"q": "Aziz"}).content.decode()
    assert "Aziz K." not in page


def test_a_pupil_gets_no_notification_and_no_mail(mailoutbox):
    project, founder, _p, _own, aziz, *_ = classes()
    from community.discussions import services as discussions

    project.room.refresh_from_db()
    discussions.message_post(
        user=founder, room=project.room, body=f"@{aziz.user.username} well done", client_id="t-1"
    )
    assert not Notification.objects.filter(recipient_id=aziz.user_id).exists()
    assert not [m for m in mailoutbox if aziz.user.email in m.to]


def test_a_pupil_cannot_upload_to_the_files_tab_or_edit_pages(client):
    project, founder, _p, _own, aziz, *_ = classes()
    page = services.page_create(actor=founder, project=project, title="Our river", body="Cold.")
    signed_in(client, aziz)
    response = client.post(
        reverse("projects:files", args=[project.pk]),
        {"upload": SimpleUploadedFile("x.pdf", b"%PDF-1.4 x", "application/pdf"), "title": "x"},
    )
    assert response.status_code in (200, 302, 400, 403)
    assert not project.files.exists()
    response = client.post(
        reverse("projects:page_edit", args=[page.pk]), {"title": "Mine", "body": "mine"}
    )
    assert response.status_code == 404
    page.refresh_from_db()
    assert page.title == "Our river"


# --- access ends ---------------------------------------------------------------------------------


def test_removing_a_pupil_erases_the_account_and_what_they_wrote(client):
    project, founder, _p, _own, aziz, *_ = classes()
    message, _created = _post_as(aziz, project, "I live at 5 River Street")
    signed_in(client, aziz)
    client.force_login(founder)
    client.post(reverse("projects:pupils", args=[project.pk]), {"action": "remove", "pupil": aziz.pk})
    assert not User.objects.filter(pk=aziz.user_id).exists()
    assert not Pupil.objects.filter(pk=aziz.pk).exists()
    message.refresh_from_db()
    assert message.body == "" and message.author_id is None and message.deleted_at is not None


def test_a_new_card_ends_the_old_one_and_its_sessions(client):
    _project, founder, _p, own, aziz, *_ = classes()
    old = aziz.card_word
    signed_in(client, aziz)
    services.pupil_reset_card(actor=founder, pupil=aziz)
    aziz.refresh_from_db()
    assert aziz.card_word != old
    assert client.get(reverse("projects:pupil_home")).status_code == 302  # signed out: to sign-in
    assert "_auth_user_id" not in client.session
    response = client.post(reverse("projects:pupil_sign_in"), {"code": own.code, "password": old})
    assert response.status_code == 400


def test_closing_the_project_ends_the_pupils_access(client):
    project, founder, _p, own, aziz, *_ = classes()
    signed_in(client, aziz)
    services.project_complete(actor=founder, project=project, final_report="Done together.")
    assert client.get(reverse("projects:workspace", args=[project.pk])).status_code == 404
    assert "closed" in client.get(reverse("projects:pupil_home")).content.decode().lower()
    client.logout()
    response = client.post(reverse("projects:pupil_sign_in"), {"code": own.code, "password": aziz.card_word})
    assert response.status_code == 400


def test_archiving_erases_the_pupils_unless_exported_first(client):
    project, founder, _p, _own, aziz, leyla, dana = classes()
    services.pupils_set_premoderation(actor=founder, project=project, on=False)
    project.refresh_from_db()
    _post_as(aziz, project, "Fish count: 3")
    client.force_login(founder)
    response = client.get(reverse("projects:pupils_export", args=[project.pk]))
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    pupils = {p["name"]: p for c in data["classes"] for p in c["pupils"]}
    assert set(pupils) == {"Aziz K.", "Leyla M."}  # the teacher's own class, not the partner's
    assert pupils["Aziz K."]["posts"][0]["text"] == "Fish count: 3"

    services.project_complete(actor=founder, project=project, final_report="Done together.")
    project.refresh_from_db()
    services.project_archive(actor=founder, project=project)
    assert not User.objects.filter(is_pupil=True).exists()
    assert not PupilClass.objects.filter(project=project).exists()
    assert not Message.objects.filter(body="Fish count: 3").exists()


def test_an_approved_pupil_post_cannot_be_changed_behind_the_teachers_back():
    project, founder, _p, _own, aziz, *_ = classes()
    from community.discussions import services as discussions

    message, _created = _post_as(aziz, project, "Our river is clean")
    services.pupil_post_decide(actor=founder, message_id=message.pk, approve=True)
    with pytest.raises(ActionError):
        discussions.message_edit(user=User.objects.get(pk=aziz.user_id), message_id=message.pk, body="rude words")
    message.refresh_from_db()
    assert message.body == "Our river is clean" and message.status == Message.Status.PUBLISHED


def test_a_teacher_who_leaves_the_project_takes_their_pupils_with_them():
    from projects.models import Partnership

    project, founder, partner, _own, aziz, _leyla, dana = classes()
    dana_message, _created = _post_as(dana, project, "Dana's drawing of the river")
    services.partnership_remove(actor=partner, partnership=Partnership.objects.get(project=project, user=partner))
    assert not User.objects.filter(pk=dana.user_id).exists()
    dana_message.refresh_from_db()
    assert dana_message.body == "" and dana_message.author_id is None
    assert User.objects.filter(pk=aziz.user_id).exists()  # the founder's class stays


def test_no_pupil_account_outlives_its_class_when_the_teachers_account_is_deleted():
    project, founder, partner, _own, aziz, _leyla, dana = classes()
    message, _created = _post_as(dana, project, "Dana writes")
    User.objects.filter(pk=partner.pk).delete()  # however the teacher's account goes
    assert not User.objects.filter(pk=dana.user_id).exists()
    message.refresh_from_db()
    assert message.body == "" and message.author_id is None
    assert User.objects.filter(pk=aziz.user_id).exists()
