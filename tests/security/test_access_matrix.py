"""The access matrix, generated from the URL patterns: every named route of the site, for every
role, aimed at the most private thing it can show (tests/security/access_world.py).

Each route's row in EXPECTED names the roles that reach it; every other role must be refused
(404, 403, or sent to sign in). A route that answers 405 to GET is sent a POST (with no data,
rolled back) instead. Whatever the answer, no page may carry a secret word of something the
role may not see (access_world.SECRETS): search, feeds, the sitemap, the statistics CSV, the
directories and the exports included. A new route without a row fails the test, and so does a
row for a route that no longer exists.
"""

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client
from django.urls import reverse

from tests.security import access_world, routes
from tests.security.access_world import ABBREVIATIONS, ALL

pytestmark = pytest.mark.django_db

SIGNED_IN_TEACHERS = "unv out mem mod amb oam edi stf dmp prj"
NOT_PUPILS = "vis " + SIGNED_IN_TEACHERS
VERIFIED = "out mem mod amb oam edi stf dmp prj"

#: route → the roles that reach it (everyone else is refused).
EXPECTED = {
    "account_delete": SIGNED_IN_TEACHERS,
    "cms:event_attendance": "",
    "cms:event_cancel": "",
    "cms:event_ics": "",
    "cms:event_register": "",  # the world has no event: nothing to reach
    "cms:events_atom": NOT_PUPILS,
    "cms:events_rss": NOT_PUPILS,
    "cms:news_atom": NOT_PUPILS,
    "cms:news_rss": NOT_PUPILS,
    "cms:page_password": "",
    "cms:search": NOT_PUPILS,
    "confirm_email": NOT_PUPILS,
    "confirm_resend": NOT_PUPILS,
    "data_export": SIGNED_IN_TEACHERS,
    "discussions:attachment": "mem mod amb stf",
    "discussions:block": SIGNED_IN_TEACHERS,  # one's own block list
    "discussions:community": "out mem mod amb stf dmp",  # a landing page: its region may ask to join
    "discussions:community_cover": "",
    "discussions:community_create": VERIFIED,
    "discussions:community_edit": "mod amb stf",
    "discussions:community_invite": "out mem mod amb stf dmp",  # an empty form: nothing sent
    "discussions:community_join": "out mem mod amb stf dmp",  # those who may ask to join
    "discussions:community_leave": "out mem mod amb stf dmp",  # nothing to leave: nothing done
    "discussions:community_members": "mem mod amb stf",
    "discussions:conversation": "mem dmp",  # its two people, not even staff
    "discussions:conversation_accept": "mem dmp",
    "discussions:conversation_decline": "mem dmp",
    "discussions:conversation_new": SIGNED_IN_TEACHERS,
    "discussions:directory": NOT_PUPILS,
    "discussions:inbox": SIGNED_IN_TEACHERS,
    "discussions:invitation": "",
    "discussions:message_delete": "mem mod amb stf",
    "discussions:message_edit": "mem",
    "discussions:message_history": "mem mod amb stf",
    "discussions:message_react": "mem mod amb stf",
    "discussions:notification_read": "",
    "discussions:notifications": SIGNED_IN_TEACHERS,
    "discussions:notifications_read_all": SIGNED_IN_TEACHERS,
    "discussions:request_decide": "mod amb stf",
    "discussions:room": "mem mod amb stf",
    "discussions:room_create": "mod amb stf",
    "discussions:room_people": "mem mod amb stf",
    "discussions:room_post": "mem mod amb stf",
    "discussions:unblock": SIGNED_IN_TEACHERS,  # one's own block list
    "email_bounces": "",  # the mail provider's hook: refused without its signature
    "email_unsubscribe": NOT_PUPILS,
    "favicon": ALL,
    "healthz": ALL,
    "home": ALL,  # a pupil is sent on to their project
    "login": NOT_PUPILS,
    "logout": ALL,
    "manifest": ALL,
    "moderation:act": SIGNED_IN_TEACHERS,  # no target: nothing done
    "moderation:ambassadors": "stf",
    "moderation:audit": "mod amb oam stf",  # their own region's log
    "moderation:console": "mod amb oam stf",
    "moderation:join_request": SIGNED_IN_TEACHERS,  # an act with no target does nothing
    "moderation:member": "mod amb stf",
    "moderation:message": "mod amb stf",
    "moderation:my_reports": SIGNED_IN_TEACHERS,
    "moderation:queue": "mod amb oam stf",
    "moderation:report": "",
    "moderation:report_create": "mem mod amb stf",
    "moderation:report_resolve": "",
    "moderation:room": "mod amb stf",
    "moderation:verification": "amb oam stf",
    "moderation:verification_decide": "stf",
    "moderation:verification_request": SIGNED_IN_TEACHERS,  # one's own verification
    "offline": ALL,
    "password_change": SIGNED_IN_TEACHERS,
    "password_change_done": SIGNED_IN_TEACHERS,
    "password_reset": NOT_PUPILS,
    "password_reset_complete": NOT_PUPILS,
    "password_reset_confirm": NOT_PUPILS,
    "password_reset_done": NOT_PUPILS,
    "profile_edit": SIGNED_IN_TEACHERS,
    "projects:board": NOT_PUPILS,
    "projects:competition": "",
    "projects:competition_announce": "",
    "projects:competition_create": "stf",
    "projects:competition_enter": "",
    "projects:competitions": NOT_PUPILS,
    "projects:cover": "",
    "projects:create": VERIFIED,
    "projects:detail": "stf prj",  # a running project that is not published: its people only
    "projects:edit": "stf prj",
    "projects:entry_score": "",
    "projects:file": "stf prj pup",
    "projects:files": "stf prj pup",
    "projects:invite_suggested": "",
    "projects:join": "stf prj",
    "projects:journal": "stf prj",
    "projects:label_apply": "stf prj",
    "projects:label_review": "",
    "projects:lifecycle": "stf prj",
    "projects:members": "stf prj",
    "projects:milestone_add": "stf prj",
    "projects:mine": SIGNED_IN_TEACHERS,
    "projects:page_edit": "stf prj pup",
    "projects:pages": "stf prj pup",
    "projects:plan": "stf prj",
    "projects:pupil_cards": "stf prj",
    "projects:pupil_home": "pup",  # a visitor is sent to sign in
    "projects:pupil_sign_in": ALL,
    "projects:pupils": "stf prj",
    "projects:pupils_export": "stf prj",
    "projects:remove": "stf prj",
    "projects:respond": "stf prj",
    "projects:showcase": NOT_PUPILS,
    "projects:showcase_detail": "",
    "projects:showcase_page": "",
    "projects:statistics": NOT_PUPILS,
    "projects:statistics_csv": NOT_PUPILS,
    "projects:statistics_region": "amb stf",
    "projects:task_add": "stf prj",
    "projects:task_status": "stf prj",
    "projects:teacher_invite": SIGNED_IN_TEACHERS,  # an invitation with no project does nothing
    "projects:teachers": SIGNED_IN_TEACHERS,
    "projects:workspace": "stf prj pup",
    "robots_txt": ALL,
    "service_worker": ALL,
    "set_language": ALL,
    "signup": NOT_PUPILS,
    "signup_done": NOT_PUPILS,
    "sitemap": NOT_PUPILS,
    "teacher_directory": NOT_PUPILS,
    "teacher_photo": "",
    "teacher_profile": NOT_PUPILS,
    "teacher_record": "mem stf",
    "teacher_record_csv": "mem stf",
    "teacher_record_json": "mem stf",
}


def _expected_roles(name):
    return {ABBREVIATIONS[a] for a in EXPECTED[name].split()}


def _answer(client, url, method):
    session = client.cookies.get(settings.SESSION_COOKIE_NAME)
    with transaction.atomic():
        response = client.post(url) if method == "post" else client.get(url)
        transaction.set_rollback(True)  # a POST that was let through changes nothing here
    if session is not None:
        client.cookies[settings.SESSION_COOKIE_NAME] = session.value  # e.g. after a sign-out
    return response


def _refused(response, url):
    if response.status_code in (403, 404):
        return True
    location = response.get("Location", "") if response.status_code in (301, 302, 303) else ""
    # sent to sign in, or LocaleMiddleware's answer to a 404: the same address with a language
    return "/accounts/login/" in location or (location != url and location.endswith(url))


def _body(response):
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


def test_every_route_has_a_row_and_every_row_a_route():
    names = routes.site_route_names()
    assert sorted(names - set(EXPECTED)) == [], "new routes need a row in EXPECTED"
    assert sorted(set(EXPECTED) - names) == [], "rows for routes that are gone"


def test_the_matrix():
    world = access_world.build()
    args = routes.route_args(world)
    clients = {}
    for role, user in world.users.items():
        clients[role] = Client(raise_request_exception=False)
        if user is not None:
            clients[role].force_login(user)
    wrong = []
    for name in sorted(routes.site_route_names() & set(EXPECTED)):
        url = reverse(name, kwargs=args.get(name, {}))
        method = "get"
        if _answer(clients["staff"], url, "get").status_code == 405:
            method = "post"
        allowed = _expected_roles(name)
        for role, client in clients.items():
            response = _answer(client, url, method)
            if response.status_code >= 500:
                wrong.append(f"{name} [{method}] {role}: {response.status_code}")
                continue
            if _refused(response, url) == (role in allowed):
                wrong.append(
                    f"{name} [{method}] {role}: {response.status_code}, expected "
                    + ("to reach it" if role in allowed else "a refusal")
                )
            body = _body(response)
            for secret, readers in access_world.SECRETS.items():
                if role not in readers and secret in body:
                    wrong.append(f"{name} [{method}] {role}: shows {secret}")
    assert wrong == []
