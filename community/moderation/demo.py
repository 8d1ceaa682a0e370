"""Demo moderation data (after the discussions seeder): blocked words, open reports, a held post,
teachers waiting for verification and some audit log entries. Safe to run twice."""

from datetime import timedelta

from django.utils import timezone

BLOCKED_WORDS = [
    ("casino", "Advertising"),
    ("crypto giveaway", "Scam"),
    ("казино", "Advertising (ru)"),
    ("kazino", "Advertising (az)"),
]


def seed(stdout):
    from django.contrib.contenttypes.models import ContentType

    from community.discussions.models import Community, Membership, Message, Room
    from community.models import Ambassadorship, Profile, School, User
    from community.moderation.models import AuditLogEntry, BlockedWord, Report
    from community.moderation.services import audit_record

    for phrase, note in BLOCKED_WORDS:
        BlockedWord.objects.get_or_create(phrase=phrase, defaults={"note": note})

    staff = User.objects.filter(is_superuser=True).order_by("pk").first()
    ambassador = User.objects.filter(email="rashad.aliyev@example.az").first()
    community = Community.objects.filter(region__isnull=False).order_by("pk").first()
    if community is None:
        stdout.write("moderation: no community to moderate; skipped reports")
        return
    if ambassador is not None and not Ambassadorship.objects.filter(user=ambassador).exists():
        Ambassadorship.objects.create(user=ambassador, region=community.region)
    if ambassador is not None and community.region_id:
        ambassador_regions = set(
            Ambassadorship.objects.filter(user=ambassador).values_list("region_id", flat=True)
        )
        community = (
            Community.objects.filter(region_id__in=ambassador_regions).order_by("pk").first()
            or community
        )

    room = Room.objects.filter(community=community).order_by("position", "pk").first()
    messages = list(
        Message.objects.filter(
            room__community=community, status="published", deleted_at__isnull=True
        )
        .select_related("author", "room")
        .order_by("-seq")[:6]
    )
    members = list(
        Membership.objects.filter(community=community, state="active", role="member")
        .select_related("user")
        .order_by("pk")
    )
    message_type = ContentType.objects.get_for_model(Message)
    user_type = ContentType.objects.get_for_model(User)
    reasons = [
        ("spam", "Looks like an advertisement for a paid course."),
        ("inappropriate", "Not respectful towards a colleague."),
    ]
    for message, (reason, details) in zip(messages[:2], reasons, strict=False):
        reporter = next((m.user for m in members if m.user_id != message.author_id), None)
        if reporter is None:
            continue
        Report.objects.get_or_create(
            reporter=reporter,
            content_type=message_type,
            object_id=message.pk,
            defaults={
                "reason": reason,
                "details": details,
                "target_label": f"#{message.seq} {message.body[:60]}",
                "target_url": message.get_absolute_url(),
                "subject_user": message.author,
                "community_id": community.pk,
                "region_id": community.region_id,
            },
        )
    if len(members) >= 2:
        subject, reporter = members[0].user, members[1].user
        Report.objects.get_or_create(
            reporter=reporter,
            content_type=user_type,
            object_id=subject.pk,
            defaults={
                "reason": "impersonation",
                "details": "The school named in this profile does not seem to exist.",
                "target_label": subject.display_name,
                "subject_user": subject,
                "region_id": community.region_id,
            },
        )

    # A held post: links from a member who is not yet trusted.
    if (
        room is not None
        and members
        and not Message.objects.filter(room=room, status="held").exists()
    ):
        author = members[-1].user
        seq = room.last_seq + 1
        Room.objects.filter(pk=room.pk).update(last_seq=seq)
        Message.objects.create(
            room=room,
            seq=seq,
            author=author,
            client_id="demo-held-1",
            body="Free worksheets for every grade here: https://worksheets.example.com/download",
            body_html='<p>Free worksheets for every grade here: <a href="https://worksheets.example.com/download" '
            'rel="nofollow noopener">https://worksheets.example.com/download</a></p>',
            status="held",
            held_reason="Links or attachments from a new or unverified member.",
        )

    # Teachers waiting for verification in the ambassador's region.
    school = School.objects.filter(region=community.region).order_by("pk").first()
    if school is not None:
        for n, (email, name) in enumerate(
            [
                ("leyla.huseynova@example.az", "Leyla Hüseynova"),
                ("orkhan.guliyev@example.az", "Orxan Quliyev"),
            ]
        ):
            user, created = User.objects.get_or_create(
                email=email,
                defaults={
                    "username": email,
                    "email_confirmed": True,
                    "date_joined": timezone.now() - timedelta(days=2 + n),
                },
            )
            if created:
                user.set_unusable_password()
                user.save()
            Profile.objects.update_or_create(
                user=user, defaults={"display_name": name, "school": school}
            )

    # Some history in the audit log (only once).
    if staff is not None and not AuditLogEntry.objects.exists():
        if room is not None:
            audit_record(
                actor=staff,
                action=AuditLogEntry.Action.SLOW_MODE,
                target_type="room",
                target_id=room.pk,
                target_label=room.title,
                community=community,
                reason="A busy week after the workshop",
                extra={"seconds": 0, "previous": 30},
            )
        if ambassador is not None:
            audit_record(
                actor=staff,
                action=AuditLogEntry.Action.ASSIGN_REGION,
                target_type="user",
                target_id=ambassador.pk,
                target_label=ambassador.display_name,
                region_id=community.region_id,
                reason="Regional coordinator of the teacher network",
                subject_user_id=ambassador.pk,
            )
        if members:
            warned = members[0]
            audit_record(
                actor=ambassador or staff,
                action=AuditLogEntry.Action.WARN,
                target_type="user",
                target_id=warned.user_id,
                target_label=warned.user.display_name,
                community=community,
                reason="Please keep the discussion about teaching.",
                subject_user_id=warned.user_id,
            )
    stdout.write(
        "moderation: blocked words, reports, a held post, pending teachers and audit entries"
    )
