from django.conf import settings

from community.pwa import data_saver, offline_key


def platform(request):
    return {
        "SITE_NAME": settings.WAGTAIL_SITE_NAME,
        "DATA_SAVER": data_saver(request),
        "OFFLINE_KEY": offline_key(getattr(request, "user", None)),
    }
