"""HTTP views for the CMS extras: registration, calendar files, attendance, search, robots, sitemap,
and the header's language form."""

import hashlib

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from wagtail.forms import PasswordViewRestrictionForm
from wagtail.models import Page, PageViewRestriction
from wagtail.views import authenticate_with_password, serve

from community.auth import client_address
from community.errors import ActionError
from community.views.accounts import apply_language

from . import selectors, services, translations
from .ics import event_calendar, event_filename
from .links import absolute_url, page_full_url
from .models import EventPage
from .permissions import can_mark_attendance, get_page_for
from .search import site_search, type_choices

SEARCH_PAGE_SIZE = 20
ANY_LANGUAGE = "any"  # the search form's "any language" choice


def home(request):
    """The current language's home page (a Wagtail page); named so reverse('home') works."""
    return serve(request, "")


@require_POST
def set_language(request):
    """The header's language form: this page in the chosen language, never a 404 nor another site.

    Like Django's set_language (a plain POST; `next`, else the referring page, when it
    is on this site), but CMS pages go to their real translation; a page without one
    stays, in its own language, with a message. The choice is kept in the language cookie and,
    for a signed-in person, as their profile's interface language.
    """
    for candidate in (request.POST.get("next"), request.META.get("HTTP_REFERER")):
        if candidate and url_has_allowed_host_and_scheme(
            candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            next_url = candidate
            break
    else:
        next_url = "/"
    language = request.POST.get("language") or ""
    if language not in dict(settings.LANGUAGES):
        return HttpResponseRedirect(next_url)
    url, outcome = translations.language_switch_url(request, next_url, language)
    if not url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        # A path such as //elsewhere.example/ passes as this site's and would leave it once cut.
        with translation.override(language):
            url, outcome = reverse("home"), translations.NEAREST
    with translation.override(language):
        if outcome == translations.UNTRANSLATED:
            messages.info(request, translations.untranslated_message())
        elif outcome == translations.NEAREST:
            messages.info(
                request,
                _(
                    "This page is not available in this language yet. Here is the nearest page that is."
                ),
            )
    profile = getattr(request.user, "profile", None) if request.user.is_authenticated else None
    if profile is not None and getattr(profile, "interface_language", language) != language:
        profile.interface_language = language
        profile.save(update_fields=["interface_language"])
    return apply_language(HttpResponseRedirect(url), language)


def page_password_key(page_id, address):
    """The cache key counting wrong passwords for one page from one client address."""
    digest = hashlib.sha256(address.encode()).hexdigest()[:32]
    return f"page-password-fail:{page_id}:{digest}"


def page_password_limits():
    """(failed attempts allowed, window in seconds): the sign-in throttle's, unless set apart."""
    attempts = getattr(settings, "PAGE_PASSWORD_THROTTLE_ATTEMPTS", settings.LOGIN_THROTTLE_ATTEMPTS)
    window = getattr(settings, "PAGE_PASSWORD_THROTTLE_WINDOW", settings.LOGIN_THROTTLE_WINDOW)
    return attempts, window


@require_http_methods(["GET", "POST"])
def page_password(request, page_view_restriction_id, page_id):
    """Wagtail's page-password form, throttled per page and client address (in the cache).

    Past the limit every try, right or wrong, answers 429 with a message until the
    window has passed, so a password cannot be guessed by trying many.
    """
    if request.method != "POST":
        return authenticate_with_password(request, page_view_restriction_id, page_id)
    attempts, window = page_password_limits()
    key = page_password_key(page_id, client_address(request))
    if (cache.get(key) or 0) >= attempts:
        restriction = get_object_or_404(PageViewRestriction, id=page_view_restriction_id)
        page = get_object_or_404(Page, id=page_id).specific
        form = PasswordViewRestrictionForm(
            instance=restriction, initial={"return_url": request.POST.get("return_url", "")}
        )
        minutes = max(1, window // 60)
        form.cleaned_data = {}  # an unbound form, shown with the one error below
        form.add_error(
            None,
            ngettext(
                "Too many wrong passwords for this page. Please wait %(minutes)s minute and try again.",
                "Too many wrong passwords for this page. Please wait %(minutes)s minutes and try again.",
                minutes,
            )
            % {"minutes": minutes},
        )
        action_url = reverse(
            "wagtailcore_authenticate_with_password", args=[restriction.id, page.id]
        )
        response = page.serve_password_required_response(request, form, action_url)
        response.status_code = 429
        return response
    response = authenticate_with_password(request, page_view_restriction_id, page_id)
    if response.status_code == 200:  # the form again: a wrong password
        if not cache.add(key, 1, timeout=window):
            try:
                cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.add(key, 1, timeout=window)
    elif response.status_code in (301, 302):
        cache.delete(key)
    return response


def _event_url(request, event):
    return event.get_url(request) or reverse("home")


@require_POST
@login_required
def event_register(request, event_id):
    event = get_page_for(request.user, event_id, EventPage)
    try:
        registration, created = services.registration_create(event=event, user=request.user)
    except ActionError as error:
        messages.error(request, error.detail)
    else:
        if registration.status == registration.WAITING:
            messages.info(
                request,
                _(
                    "The event is full: you are on the waiting list and will be told if a place frees up."
                ),
            )
        elif created:
            messages.success(request, _("You are registered."))
        else:
            messages.info(request, _("You were already registered."))
    return HttpResponseRedirect(_event_url(request, event))


@require_POST
@login_required
def event_cancel(request, event_id):
    event = get_page_for(request.user, event_id, EventPage)
    services.registration_cancel(event=event, user=request.user)
    messages.success(request, _("Your registration is cancelled."))
    return HttpResponseRedirect(_event_url(request, event))


@require_GET
def event_ics(request, event_id):
    event = get_page_for(request.user, event_id, EventPage)
    url = page_full_url(event, request) or ""
    response = HttpResponse(event_calendar(event, url), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{event_filename(event)}"'
    return response


@require_http_methods(["GET", "POST"])
@login_required
def event_attendance(request, event_id):
    event = get_page_for(request.user, event_id, EventPage)
    if not can_mark_attendance(request.user, event):
        raise Http404
    if request.method == "POST":
        ids = [value for value in request.POST.getlist("attended") if value.isdigit()]
        services.attendance_set(event=event, actor=request.user, attended_ids=ids)
        messages.success(request, _("Attendance saved."))
        return HttpResponseRedirect(reverse("cms:event_attendance", args=[event.pk]))
    return render(
        request,
        "cms/event_attendance.html",
        {
            "event": event,
            "registrations": selectors.attendance_list(event),
            "event_url": _event_url(request, event),
        },
    )


@require_GET
def search(request):
    query = (request.GET.get("q") or "").strip()[:200]
    kinds = dict(type_choices())
    filters = {}
    if request.GET.get("type") in kinds:
        filters["type"] = request.GET["type"]
    # No language picked: the interface language plus pages not translated into it;
    # "any" searches every language.
    codes = [code for code, _name in settings.LANGUAGES]
    language_choice = request.GET.get("language") or ""
    if language_choice in codes:
        filters["language"] = language_choice
    elif language_choice != ANY_LANGUAGE:
        language_choice = ""
    topics = selectors.topic_choices()
    if request.GET.get("topic") in {t.slug for t in topics}:
        filters["topic"] = request.GET["topic"]
    default_language = None if language_choice else get_language()
    results = (
        site_search(query, user=request.user, filters=filters, default_language=default_language)
        if query
        else []
    )
    page = Paginator(results, SEARCH_PAGE_SIZE).get_page(request.GET.get("page"))
    params = {"q": query, **filters}
    if language_choice == ANY_LANGUAGE:
        params["language"] = ANY_LANGUAGE
    return render(
        request,
        "cms/search.html",
        {
            "query": query,
            "filters": filters,
            "results": page,
            "result_count": len(results),
            "type_choices": type_choices(),
            "language_choices": settings.LANGUAGES,
            "language_choice": language_choice,
            "any_language": ANY_LANGUAGE,
            "topics": topics,
            "querystring": urlencode(params),
            "current_language": get_language(),
        },
    )


@require_GET
def favicon(request):
    """/favicon.ico, which browsers ask for at the root whatever the page links to."""
    path = finders.find("favicon.ico")
    if path:
        with open(path, "rb") as icon:
            content = icon.read()
    else:  # only the collected copy is there
        with staticfiles_storage.open("favicon.ico") as icon:
            content = icon.read()
    response = HttpResponse(content, content_type="image/x-icon")
    response["Cache-Control"] = "public, max-age=86400"
    return response


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /django-admin/",
        "Disallow: /documents/",
        f"Sitemap: {absolute_url(reverse('sitemap'), request)}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
