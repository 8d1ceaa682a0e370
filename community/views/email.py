"""E-mail's way back in: the digest's unsubscribe link (no sign-in needed, one-click POST per
RFC 8058) and the mail provider's bounce webhook."""

import hmac
import json

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from community import digests


@csrf_exempt  # the mail client's one-click POST carries no CSRF token; the signed link is the proof
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    if digests.unsubscribe_user_id(token) is None:
        return render(request, "community/email/unsubscribe.html", {"invalid": True}, status=400)
    if request.method == "POST":
        profile = digests.unsubscribe(token)
        if profile is None:
            return render(request, "community/email/unsubscribe.html", {"invalid": True}, status=400)
        return render(request, "community/email/unsubscribe.html", {"done": True})
    return render(request, "community/email/unsubscribe.html", {"token": token})


@csrf_exempt  # called by the mail provider, authenticated by its bearer token
@require_POST
def bounces(request):
    """POST {"email": "..."} (or a form field `email`) with "Authorization: Bearer <token>"."""
    expected = settings.EMAIL_BOUNCE_TOKEN
    if not expected:
        return JsonResponse({"error": "The bounce webhook is off: set EMAIL_BOUNCE_TOKEN."}, status=403)
    given = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    if not hmac.compare_digest(given.encode(), expected.encode()):
        return JsonResponse({"error": "The bounce webhook needs its bearer token."}, status=401)
    email = request.POST.get("email", "")
    if not email and request.content_type == "application/json":
        try:
            email = str(json.loads(request.body or b"{}").get("email", ""))
        except (ValueError, AttributeError):
            return JsonResponse({"error": 'Send JSON like {"email": "teacher@example.org"}.'}, status=400)
    if "@" not in email:
        return JsonResponse({"error": "Say which address bounced: an `email` field."}, status=400)
    return JsonResponse({"marked": digests.record_bounce(email)})
