"""Pupils in real browsers: a teacher makes a class and prints its cards; a pupil signs in on a
second browser with the code and the card and posts; the partner pupil sees it only once the
teacher approves it; removal signs the pupil out."""

import re

from playwright.sync_api import expect

from tests.browser.conftest import axe_violations, login, screenshot


def _letters():
    from projects.models import Project

    project = Project.objects.select_related("founder").get(title="Letters between classes")
    return project, project.founder.email


def _card(first_name):
    from projects.models import Pupil

    pupil = Pupil.objects.select_related("pupil_class").get(first_name=first_name)
    return pupil.pupil_class.code, pupil.card_word


def _pupil_signs_in(page, code, card):
    page.goto("/en/accounts/login/")
    page.get_by_role("link", name="A pupil? Sign in with your class card").click()
    page.get_by_label("Class code").fill(code.lower())
    word = card.rstrip("0123456789")
    page.get_by_label("Password").fill(f"{word} {card[len(word):]}")
    page.get_by_role("button", name="Sign in").click()


def test_a_class_its_cards_a_pupils_post_approved_and_a_removal(browser, site_url, orm):
    project, teacher_email = _letters()
    contexts = [browser.new_context(base_url=site_url) for _ in range(3)]
    try:
        teacher, nigar, samir = (context.new_page() for context in contexts)
        login(teacher, teacher_email)
        teacher.goto(f"/en/projects/{project.pk}/pupils/")
        teacher.get_by_label("Class name").fill("4C")
        teacher.get_by_role("button", name="Add the class").click()
        expect(teacher.locator("body")).to_contain_text("Class 4C added")
        section = teacher.locator("section", has=teacher.get_by_role("heading", name="Class 4C"))
        section.locator("textarea").fill("Nigar A 4\nSamir B 4")
        section.get_by_role("button", name="Add pupils").click()
        expect(teacher.locator("body")).to_contain_text("Pupils added: 2")
        screenshot(teacher, "pupils-tab")
        assert axe_violations(teacher) == []

        section = teacher.locator("section", has=teacher.get_by_role("heading", name="Class 4C"))
        section.get_by_role("link", name="Print the cards").click()
        code, nigar_card = _card("Nigar")
        _code, samir_card = _card("Samir")
        cards = teacher.locator("main")
        expect(cards).to_contain_text(code)
        expect(cards).to_contain_text("Nigar A.")
        expect(cards).to_contain_text(nigar_card[len(nigar_card.rstrip("0123456789")):])
        screenshot(teacher, "pupil-cards")

        _pupil_signs_in(nigar, code, nigar_card)
        expect(nigar.get_by_role("heading", level=1)).to_contain_text("Letters between classes")
        expect(nigar.get_by_role("link", name="Schools and teachers")).to_have_count(0)
        nigar.set_viewport_size({"width": 390, "height": 844})
        screenshot(nigar, "pupil-workspace-390")
        assert axe_violations(nigar) == []
        _pupil_signs_in(samir, code, samir_card)
        for page in (nigar, samir):
            expect(page.locator("#room-status")).to_have_text(re.compile(r"\S"), timeout=20_000)

        nigar.fill("#compose textarea", "We have a stork nest on our school roof!")
        nigar.click("#compose button[type=submit]")
        expect(
            nigar.locator("#room-messages li.dc-message", has_text="stork nest")
        ).to_contain_text("Waiting for the teacher's approval", timeout=20_000)

        teacher.goto(f"/en/projects/{project.pk}/pupils/")
        expect(teacher.locator("body")).to_contain_text("stork nest")
        expect(samir.locator("#room-messages li.dc-message", has_text="stork nest")).to_have_count(0)
        teacher.get_by_role("button", name="Publish Nigar A.'s post").click()
        expect(teacher.locator("body")).to_contain_text("Published.")
        expect(
            samir.locator("#room-messages li.dc-message", has_text="stork nest")
        ).to_have_count(1, timeout=20_000)

        # Nigar's own copy turned published, live: approved, it keeps its text (no Edit link)
        own = nigar.locator("#room-messages li.dc-message", has_text="stork nest")
        expect(own).not_to_have_class(re.compile("dc-held"), timeout=20_000)
        expect(own.locator('[data-part="edit"]')).to_have_count(0)
        expect(own.locator('[data-part="delete"]')).to_have_count(1)
        nigar.reload()
        expect(own.locator('[data-part="edit"]')).to_have_count(0)  # nor on the server's page
        expect(samir.get_by_role("link", name=re.compile("^Report"))).to_have_count(0)
        # the pupil reaches nothing else of the site
        response = nigar.goto("/en/teachers/")
        assert response.status == 404

        teacher.get_by_text("Remove Nigar A.…").click()
        teacher.get_by_role("button", name="Remove Nigar A.", exact=True).click()
        expect(teacher.locator("body")).to_contain_text("Nigar A. was removed")
        nigar.goto("/en/projects/pupils/")
        expect(nigar.get_by_label("Class code")).to_be_visible()  # signed out: the sign-in page
    finally:
        for context in contexts:
            context.close()


def test_the_pupils_sign_in_reads_in_azerbaijani_and_russian_on_a_phone(page):
    page.set_viewport_size({"width": 390, "height": 844})
    for language, button in (("az", "Daxil ol"), ("ru", "Войти")):
        page.goto(f"/{language}/projects/pupils/sign-in/")
        page.locator("#pupil-code").fill("XXXXXX")
        page.locator("#pupil-password").fill("moon 000")
        page.locator("form.pupil-sign-in button[type=submit]").click()
        expect(page.locator("#pupil-error")).to_be_visible()
        expect(page.locator("form.pupil-sign-in button[type=submit]")).to_have_text(button)
        screenshot(page, f"pupil-sign-in-{language}-390")
        assert axe_violations(page) == []


def test_a_pupils_page_waits_for_their_teacher_then_the_class_reads_it(browser, site_url, orm):
    project, teacher_email = _letters()
    contexts = [browser.new_context(base_url=site_url) for _ in range(3)]
    try:
        teacher, aruzhan, dias = (context.new_page() for context in contexts)
        for page, name in ((aruzhan, "Aruzhan"), (dias, "Dias")):
            page.set_viewport_size({"width": 390, "height": 844})
            _pupil_signs_in(page, *_card(name))
            expect(page.get_by_role("heading", level=1)).to_contain_text("Letters between classes")

        aruzhan.goto(f"/en/projects/{project.pk}/pages/")
        aruzhan.get_by_label("Title").fill("The storks on our roof")
        aruzhan.get_by_label("Text").fill("Two storks came back in **April**.")
        aruzhan.get_by_role("button", name="Add the page").click()
        expect(aruzhan.locator("body")).to_contain_text("your teacher will look at it")
        item = aruzhan.locator("ol.proj-pages li", has_text="The storks on our roof")
        expect(item).to_contain_text("Waiting for the teacher's approval")
        screenshot(aruzhan, "pupil-pages-390")
        assert axe_violations(aruzhan) == []

        dias.goto(f"/en/projects/{project.pk}/pages/")
        expect(dias.locator("main")).not_to_contain_text("The storks on our roof")

        login(teacher, teacher_email)
        teacher.goto(f"/en/projects/{project.pk}/pupils/")
        teacher.get_by_role("link", name="The storks on our roof").click()
        expect(teacher.locator("main")).to_contain_text("Written by Aruzhan B., pupil.")
        teacher.get_by_role("button", name="Approve Aruzhan B.'s page").click()
        expect(teacher.locator("body")).to_contain_text("the project's pupils see the page now")
        assert axe_violations(teacher) == []

        dias.reload()
        dias.get_by_role("link", name="The storks on our roof").click()
        expect(dias.locator("main strong")).to_have_text("April")
        expect(dias.get_by_label("Title")).to_have_count(0)  # not his page: nothing to edit
        # the same pages read in Azerbaijani and Russian on the phone
        for language in ("az", "ru"):
            aruzhan.goto(f"/{language}/projects/{project.pk}/pages/")
            expect(aruzhan.locator("ol.proj-pages")).to_contain_text("The storks on our roof")
            screenshot(aruzhan, f"pupil-pages-{language}-390")
            assert axe_violations(aruzhan) == []
    finally:
        for context in contexts:
            context.close()
