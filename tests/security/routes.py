"""Every named route of the site, with the arguments that aim it at the world's private things
(tests/security/access_world.py). A route without an entry here fails the matrix test."""

import re

from django.urls import URLResolver, get_resolver


def _walk(resolver, namespace=None, out=None):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = ":".join(part for part in (namespace, entry.namespace) if part) or None
            _walk(entry, inner, out)
        elif entry.name:
            out.add(f"{namespace}:{entry.name}" if namespace else entry.name)
    return out


#: Namespaces of the admins: Django's and Wagtail's, checked by address prefix instead.
ADMIN_NAMESPACES = re.compile(r"^(admin|wagtail\w*|simple_translation)(:|$)")


def site_route_names():
    """The names of the site's own routes (the admins are checked as a whole)."""
    return {name for name in _walk(get_resolver(), out=set()) if not ADMIN_NAMESPACES.match(name)}


def route_args(w):
    """route name → URL kwargs aimed at the most private thing the route can show."""
    slug = {"slug": w.community.slug}
    room = {"room_id": w.room.pk}
    message = {"message_id": w.message.pk}
    dm = {"room_id": w.conversation.room_id}
    project = {"pk": w.project.pk}
    membership = w.community.memberships.get(user=w.member)
    return {
        "discussions:community": slug,
        "discussions:community_edit": slug,
        "discussions:community_cover": {**slug, "name": "cover.png"},
        "discussions:community_join": slug,
        "discussions:community_leave": slug,
        "discussions:community_members": slug,
        "discussions:community_invite": slug,
        "discussions:room_create": slug,
        "discussions:request_decide": {"membership_id": membership.pk},
        "discussions:invitation": {"membership_id": membership.pk},
        "discussions:room": room,
        "discussions:room_post": room,
        "discussions:room_people": room,
        "discussions:attachment": {"attachment_id": w.attachment.pk},
        "discussions:message_edit": message,
        "discussions:message_delete": message,
        "discussions:message_react": message,
        "discussions:message_history": message,
        "discussions:notification_read": {"notification_id": 0},
        "discussions:conversation": dm,
        "discussions:conversation_accept": dm,
        "discussions:conversation_decline": dm,
        "discussions:block": {"user_id": w.member.pk},
        "discussions:unblock": {"user_id": w.member.pk},
        "moderation:report": {"report_id": 0},
        "moderation:report_resolve": {"report_id": 0},
        "moderation:message": message,
        "moderation:member": {"community_id": w.community.pk, "user_id": w.member.pk},
        "moderation:room": room,
        "moderation:join_request": {"membership_id": membership.pk},
        "moderation:verification_decide": {"user_id": w.unverified.pk},
        "moderation:report_create": {
            "app_label": "discussions",
            "model": "message",
            "object_id": w.message.pk,
        },
        "teacher_profile": {"user_id": w.member.pk},
        "teacher_photo": {"user_id": w.member.pk, "name": "photo.jpg"},
        "teacher_record": {"user_id": w.member.pk},
        "teacher_record_json": {"user_id": w.member.pk},
        "teacher_record_csv": {"user_id": w.member.pk},
        "confirm_email": {"token": "not-a-token"},
        "password_reset_confirm": {"uidb64": "MQ", "token": "set-password"},
        "email_unsubscribe": {"token": "not-a-token"},
        "projects:detail": project,
        "projects:edit": project,
        "projects:cover": {**project, "name": "cover.png"},
        "projects:lifecycle": {**project, "step": "complete"},
        "projects:join": project,
        "projects:workspace": project,
        "projects:plan": project,
        "projects:milestone_add": project,
        "projects:task_add": project,
        "projects:task_status": {"pk": w.task.pk},
        "projects:journal": project,
        "projects:files": project,
        "projects:file": {"pk": w.file.pk},
        "projects:members": project,
        "projects:pupils": project,
        "projects:pupil_cards": {**project, "class_pk": w.pupil_class.pk},
        "projects:pupils_export": project,
        "projects:invite_suggested": project,
        "projects:respond": {"pk": w.project.partnerships.get(user=w.partner).pk},
        "projects:remove": {"pk": w.project.partnerships.get(user=w.partner).pk},
        "projects:label_apply": project,
        "projects:label_review": {"pk": 0},
        "projects:showcase_detail": project,
        "projects:showcase_page": {**project, "page_pk": w.page.pk},
        "projects:pages": project,
        "projects:page_edit": {"pk": w.page.pk},
        "projects:competition": {"pk": 0},
        "projects:competition_enter": {"pk": 0},
        "projects:competition_announce": {"pk": 0},
        "projects:entry_score": {"pk": 0},
        "projects:statistics_region": {"region_id": w.community.region_id},
        "cms:page_password": {"page_view_restriction_id": 0, "page_id": 0},
        "cms:event_register": {"event_id": 0},
        "cms:event_cancel": {"event_id": 0},
        "cms:event_ics": {"event_id": 0},
        "cms:event_attendance": {"event_id": 0},
    }
