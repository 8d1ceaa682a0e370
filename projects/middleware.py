"""A pupil's account reaches its project's workspace and nothing else of the site.

The views decide what a pupil may read in the pages they serve (projects/permissions.py); this
middleware is the second wall: any other address answers 404 to a pupil, whatever a view
forgets, and the site's front page sends them on to their project.
"""

from django.http import Http404
from django.shortcuts import redirect

#: The views a pupil's request may reach (namespace:name); every one checks the pupil itself.
PUPIL_VIEWS = frozenset(
    {
        "projects:pupil_home",
        "projects:pupil_sign_in",
        "projects:workspace",
        "projects:pages",
        "projects:page_edit",
        "projects:files",
        "projects:file",
        "discussions:room",
        "discussions:room_post",
        "discussions:attachment",
        "discussions:message_edit",
        "discussions:message_delete",
        "discussions:message_react",
        "discussions:message_history",
        "logout",
        "set_language",
        "healthz",
        "service_worker",
        "manifest",
        "offline",
        "robots_txt",
        "favicon",
    }
)
FRONT_PAGES = frozenset({"home", "wagtail_serve"})


class PupilConfinementMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not getattr(user, "is_pupil", False):
            return None
        match = request.resolver_match
        name = match.view_name if match is not None else ""
        if name in PUPIL_VIEWS:
            return None
        if name in FRONT_PAGES and view_kwargs.get("path", "") in ("", "/"):
            return redirect("projects:pupil_home")
        raise Http404
