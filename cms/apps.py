from django.apps import AppConfig


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = "CMS: resources, events and news"

    def ready(self):
        # The readers of the pages' context and of addresses of another language's tree
        # register with the page models (cms.models.page_context) when they are imported.
        from . import selectors, translations  # noqa: F401
