"""Language-prefixed CMS extras (the pages themselves are served by Wagtail)."""

from django.urls import path

from . import feeds, views

app_name = "cms"

urlpatterns = [
    # Wagtail's page-password form at its own address, throttled (matched before Wagtail's).
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        views.page_password,
        name="page_password",
    ),
    path("search/", views.search, name="search"),
    path("events/<int:event_id>/register/", views.event_register, name="event_register"),
    path("events/<int:event_id>/cancel/", views.event_cancel, name="event_cancel"),
    path("events/<int:event_id>/calendar.ics", views.event_ics, name="event_ics"),
    path("events/<int:event_id>/attendance/", views.event_attendance, name="event_attendance"),
    path("feeds/news.rss", feeds.NewsFeed(), name="news_rss"),
    path("feeds/news.atom", feeds.NewsAtomFeed(), name="news_atom"),
    path("feeds/events.rss", feeds.EventFeed(), name="events_rss"),
    path("feeds/events.atom", feeds.EventAtomFeed(), name="events_atom"),
]
