"""Accounts: sign-up, e-mail confirmation, sign-in/out, password change and reset, data export, deletion."""

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse, reverse_lazy, translate_url
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from community import services
from community.auth import (
    client_address,
    login_succeeded,
    password_reset_allowed,
    sign_up_allowed,
)
from community.forms import (
    LoginForm,
    PasswordConfirmForm,
    ResendConfirmationForm,
    SignUpForm,
    quiet,
)
from community.languages import sign_up_language
from community.models import User
from community.selectors import personal_data

BACKEND = "community.auth.EmailBackend"


def home_url():
    try:
        return reverse("home")
    except NoReverseMatch:
        return f"/{translation.get_language() or settings.LANGUAGE_CODE}/"


def apply_language(response, language, request=None):
    """Remember the interface language in the cookie Django's LocaleMiddleware reads."""
    if language and language in dict(settings.LANGUAGES):
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            path=settings.LANGUAGE_COOKIE_PATH,
            domain=settings.LANGUAGE_COOKIE_DOMAIN,
            secure=settings.LANGUAGE_COOKIE_SECURE or settings.SESSION_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )
    return response


def in_language(url, language):
    """`url` re-prefixed for `language` (when it is one of our language-prefixed pages)."""
    if not language or language not in dict(settings.LANGUAGES):
        return url
    translated = translate_url(url, language)
    if translated == url:  # a page the URL resolver cannot reverse (CMS pages): swap the prefix
        for code in dict(settings.LANGUAGES):
            if url == f"/{code}/" or url.startswith(f"/{code}/"):
                return f"/{language}/" + url[len(code) + 2 :]
    return translated


@require_http_methods(["GET", "POST"])
def sign_up(request):
    if request.user.is_authenticated:
        return redirect(home_url())
    if request.method == "POST":
        form = SignUpForm(request.POST)
        if "show_schools" in request.POST:
            return render(
                request,
                "community/accounts/signup.html",
                {"form": quiet(form), "schools_shown": True},
            )
        if form.is_valid() and not sign_up_allowed(client_address(request)):
            form.add_error(
                None,
                _(
                    "Too many accounts were created from your network. "
                    "Please wait %(minutes)s minutes before trying again."
                )
                % {"minutes": max(1, settings.SIGNUP_THROTTLE_WINDOW // 60)},
            )
        elif form.is_valid():
            data = form.cleaned_data
            try:
                services.user_sign_up(
                    email=data["email"],
                    display_name=data["display_name"],
                    password=data["password1"],
                    school=data["school"],
                    new_school=data["new_school"],
                    language=sign_up_language(
                        request,
                        data["school"].region if data["school"] else (data["new_school"] or {}).get("region"),
                    ),
                    base_url=request.build_absolute_uri("/"),
                )
            except services.AccountError as error:
                form.add_error(None, error.detail)
            else:
                request.session["signed_up_email"] = data["email"]
                return redirect("signup_done")
    else:
        form = SignUpForm()
    return render(request, "community/accounts/signup.html", {"form": form})


def sign_up_done(request):
    return render(
        request,
        "community/accounts/signup_done.html",
        {"email": request.session.get("signed_up_email", "")},
    )


def confirm_email(request, token):
    try:
        user = services.email_confirm(token=token)
    except services.AccountError as error:
        return render(
            request,
            "community/accounts/confirm_resend.html",
            {"form": ResendConfirmationForm(), "problem": error.detail},
            status=400,
        )
    if not request.user.is_authenticated:
        login(request, user, backend=BACKEND)
    messages.success(
        request, _("Your e-mail address is confirmed. Welcome! Tell other teachers about yourself.")
    )
    language = user.profile.interface_language
    response = redirect(in_language(reverse("profile_edit"), language))
    return apply_language(response, language)


@require_http_methods(["GET", "POST"])
def confirm_resend(request):
    if request.method == "POST":
        form = ResendConfirmationForm(request.POST)
        if form.is_valid():
            email = form.cleaned_data["email"].strip().lower()
            # One e-mail a minute per address, and the same answer whether or not the account exists.
            if cache.add(f"confirm-resend:{email}", 1, timeout=60):
                user = User.objects.filter(
                    email__iexact=email, email_confirmed=False, is_active=True
                ).first()
                if user is not None:
                    services.email_confirmation_send(
                        user=user, base_url=request.build_absolute_uri("/")
                    )
            messages.success(
                request,
                _(
                    "If an account with an unconfirmed address %(email)s exists, a new link is on its way."
                )
                % {"email": email},
            )
            return redirect("login")
    else:
        form = ResendConfirmationForm(initial={"email": request.GET.get("email", "")[:254]})
    return render(request, "community/accounts/confirm_resend.html", {"form": form})


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "community/accounts/login.html"
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        return home_url()

    def get_redirect_url(self):
        """`next` when it is a path on this site; redirect() would take any other string for a view."""
        url = super().get_redirect_url()
        return url if url.startswith("/") else ""

    def form_valid(self, form):
        user = form.get_user()
        login_succeeded(user.email)
        login(self.request, user, backend=BACKEND)
        language = getattr(getattr(user, "profile", None), "interface_language", None)
        url = self.get_success_url()
        if language:
            translation.activate(language)
            url = in_language(url, language)
        return apply_language(redirect(url), language)


class LogoutView(auth_views.LogoutView):
    def get_default_redirect_url(self):
        return home_url()

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        # Nothing of this account stays on the device: offline copies, the outbox, the worker.
        response["Clear-Site-Data"] = '"cache", "storage"'
        return response


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "community/accounts/password_change.html"
    success_url = reverse_lazy("password_change_done")


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "community/accounts/password_change_done.html"


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "community/accounts/password_reset.html"
    email_template_name = "community/accounts/password_reset_email.txt"
    subject_template_name = "community/accounts/password_reset_subject.txt"
    success_url = reverse_lazy("password_reset_done")

    def form_valid(self, form):
        # Too many requests for this address or from this client: no mail, and the same answer.
        if password_reset_allowed(form.cleaned_data["email"], client_address(self.request)):
            return super().form_valid(form)
        return HttpResponseRedirect(self.get_success_url())


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "community/accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "community/accounts/password_reset_confirm.html"
    success_url = reverse_lazy("password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "community/accounts/password_reset_complete.html"


@login_required
def data_export(request):
    """The signed-in user's own data as a JSON download."""
    body = json.dumps(personal_data(request.user), ensure_ascii=False, indent=2, default=str)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="teacher-commons-my-data.json"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def account_delete(request):
    form = PasswordConfirmForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.account_delete(user=request.user, password=form.cleaned_data["password"])
        except services.AccountError as error:
            form.add_error(None, error.detail)
        else:
            logout(request)
            messages.success(
                request, _("Your account and your data have been deleted. Goodbye, and thank you.")
            )
            return redirect(home_url())
    return render(request, "community/accounts/delete.html", {"form": form})


def safe_next(request, default):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, {request.get_host()}, request.is_secure()
    ):
        return target
    return default
