"""The content security policy per request: strict for the public site, Wagtail's needs in its admin.

django-csp 4 builds one policy from CONTENT_SECURITY_POLICY and lets a
subclass of its middleware adjust it per request (`get_policy_parts`). Wagtail's
admin still runs inline scripts (inline panels, date and time pickers, chooser
modals) and applies inline styles, and shows its preview in a same-origin
frame; so under the admin's URL prefixes the strict policy gets
CSP_ADMIN_UPDATE added to it, and a response Wagtail marks as framable by its
own pages (X-Frame-Options: SAMEORIGIN, the editor's preview) may be framed by
the site itself instead of by nobody. Every other page keeps the strict policy.

Wagtail renders a preview by passing a request for the page's public URL
through the whole middleware stack, so the preview response arrives here
already carrying the public policy (frame-ancestors 'none', which blanked the
preview panel); under the admin prefixes that inner header is replaced.
"""

from csp.constants import HEADER, SELF
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings


def _merge(*updates):
    merged = {}
    for update in updates:
        for directive, sources in (update or {}).items():
            merged.setdefault(directive, [])
            merged[directive] += [s for s in sources if s not in merged[directive]]
    return merged


def is_admin_path(path):
    return path.startswith(tuple(getattr(settings, "CSP_ADMIN_URL_PREFIXES", ())))


class SiteCSPMiddleware(CSPMiddleware):
    def process_response(self, request, response):
        if is_admin_path(request.path_info) and self._framable(response) and HEADER in response:
            del response[HEADER]
        return super().process_response(request, response)

    @staticmethod
    def _framable(response):
        return response.get("X-Frame-Options", "").upper() == "SAMEORIGIN"

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only or not is_admin_path(request.path_info):
            return parts
        update = _merge(parts.update, getattr(settings, "CSP_ADMIN_UPDATE", {}))
        replace = dict(parts.replace or {})
        if self._framable(response):
            replace["frame-ancestors"] = [SELF]
        return PolicyParts(
            config=parts.config, update=update, replace=replace or None, nonce=parts.nonce
        )
