from django.apps import AppConfig


class DiscussionsConfig(AppConfig):
    name = "community.discussions"
    label = "discussions"
    verbose_name = "Community: learning communities, rooms and messages"
