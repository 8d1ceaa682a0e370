from django.conf import settings


def platform(request):
    return {"SITE_NAME": settings.WAGTAIL_SITE_NAME}
