from django.urls import path

from community.moderation import views

app_name = "moderation"

urlpatterns = [
    path("moderation/", views.console, name="console"),
    path("moderation/queue/", views.queue, name="queue"),
    path("moderation/act/", views.act, name="act"),
    path("moderation/reports/<int:report_id>/", views.report_detail, name="report"),
    path(
        "moderation/reports/<int:report_id>/resolve/", views.report_resolve, name="report_resolve"
    ),
    path("moderation/messages/<int:message_id>/", views.message_detail, name="message"),
    path(
        "moderation/communities/<int:community_id>/members/<int:user_id>/",
        views.member_detail,
        name="member",
    ),
    path("moderation/rooms/<int:room_id>/", views.room_detail, name="room"),
    path(
        "moderation/join-requests/<int:membership_id>/",
        views.join_request_decide,
        name="join_request",
    ),
    path("moderation/verification/", views.verification, name="verification"),
    path(
        "moderation/verification/ask-again/",
        views.verification_request,
        name="verification_request",
    ),
    path(
        "moderation/verification/<int:user_id>/",
        views.verification_decide,
        name="verification_decide",
    ),
    path("moderation/audit/", views.audit_log, name="audit"),
    path("moderation/ambassadors/", views.ambassadors, name="ambassadors"),
    path("report/<str:app_label>/<str:model>/<int:object_id>/", views.report, name="report_create"),
    path("report/mine/", views.my_reports, name="my_reports"),
]
