"""Communities, rooms and notifications (under the language prefix)."""

from django.urls import path

from community.discussions import community_views, views

app_name = "discussions"

urlpatterns = [
    path("communities/", community_views.directory, name="directory"),
    path("communities/new/", community_views.community_create, name="community_create"),
    path("communities/<slug:slug>/", community_views.community_detail, name="community"),
    path("communities/<slug:slug>/edit/", community_views.community_edit, name="community_edit"),
    path(
        "communities/<slug:slug>/cover/<str:name>",
        community_views.community_cover,
        name="community_cover",
    ),
    path("communities/<slug:slug>/join/", community_views.community_join, name="community_join"),
    path("communities/<slug:slug>/leave/", community_views.community_leave, name="community_leave"),
    path(
        "communities/<slug:slug>/members/",
        community_views.community_members,
        name="community_members",
    ),
    path(
        "communities/<slug:slug>/invite/", community_views.community_invite, name="community_invite"
    ),
    path("communities/<slug:slug>/rooms/new/", community_views.room_create, name="room_create"),
    path(
        "memberships/<int:membership_id>/decide/",
        community_views.request_decide,
        name="request_decide",
    ),
    path("invitations/<int:membership_id>/", community_views.invitation, name="invitation"),
    path("rooms/<int:room_id>/", views.room_detail, name="room"),
    path("attachments/<int:attachment_id>/", views.attachment_file, name="attachment"),
    path("rooms/<int:room_id>/post/", views.room_post, name="room_post"),
    path("rooms/<int:room_id>/people/", views.room_people, name="room_people"),
    path("messages/<int:message_id>/edit/", views.message_edit, name="message_edit"),
    path("messages/<int:message_id>/delete/", views.message_delete, name="message_delete"),
    path("messages/<int:message_id>/react/", views.message_react, name="message_react"),
    path("messages/<int:message_id>/history/", views.message_history, name="message_history"),
    path("notifications/", views.notifications, name="notifications"),
    path("notifications/read-all/", views.notifications_read_all, name="notifications_read_all"),
    path(
        "notifications/<int:notification_id>/read/",
        views.notification_read,
        name="notification_read",
    ),
]

# direct conversations (community/discussions/direct_views.py)
from community.discussions import direct_views  # noqa: E402

urlpatterns += [
    path("messages/", direct_views.inbox, name="inbox"),
    path("messages/new/", direct_views.conversation_new, name="conversation_new"),
    path("messages/<int:room_id>/", direct_views.conversation_detail, name="conversation"),
    path(
        "messages/<int:room_id>/accept/",
        direct_views.conversation_answer,
        {"answer": "accept"},
        name="conversation_accept",
    ),
    path(
        "messages/<int:room_id>/decline/",
        direct_views.conversation_answer,
        {"answer": "decline"},
        name="conversation_decline",
    ),
    path("teachers/<int:user_id>/block/", direct_views.block, {"action": "block"}, name="block"),
    path(
        "teachers/<int:user_id>/unblock/", direct_views.block, {"action": "unblock"}, name="unblock"
    ),
]
