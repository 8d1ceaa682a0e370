from django.apps import AppConfig


class CommunityConfig(AppConfig):
    name = "community"
    verbose_name = "Community: people, schools and accounts"

    def ready(self):
        from community import pagecache, signals

        signals.connect()
        pagecache.connect()
