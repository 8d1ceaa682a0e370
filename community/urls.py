"""People and accounts (under the language prefix: /<lang>/accounts/..., /<lang>/teachers/...)."""

from django.urls import path

from community import pwa
from community.views import accounts, email, people

urlpatterns = [
    # Accounts (names without a namespace: Django's auth views reverse them so)
    path("accounts/signup/", accounts.sign_up, name="signup"),
    path("accounts/signup/done/", accounts.sign_up_done, name="signup_done"),
    path("accounts/confirm/resend/", accounts.confirm_resend, name="confirm_resend"),
    path("accounts/confirm/<str:token>/", accounts.confirm_email, name="confirm_email"),
    path("accounts/login/", accounts.LoginView.as_view(), name="login"),
    path("accounts/logout/", accounts.LogoutView.as_view(), name="logout"),
    path("accounts/password/", accounts.PasswordChangeView.as_view(), name="password_change"),
    path(
        "accounts/password/done/",
        accounts.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("accounts/password/reset/", accounts.PasswordResetView.as_view(), name="password_reset"),
    path(
        "accounts/password/reset/sent/",
        accounts.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "accounts/password/reset/<uidb64>/<token>/",
        accounts.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "accounts/password/reset/complete/",
        accounts.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("accounts/profile/", people.profile_edit, name="profile_edit"),
    path("accounts/my-data.json", accounts.data_export, name="data_export"),
    path("accounts/delete/", accounts.account_delete, name="account_delete"),
    # E-mail: the digest's unsubscribe link (the bounce webhook is language-neutral, config/urls)
    path("email/unsubscribe/<str:token>/", email.unsubscribe, name="email_unsubscribe"),
    # The installable app: its manifest in this language and the offline page
    path("manifest.webmanifest", pwa.manifest, name="manifest"),
    path("offline/", pwa.offline, name="offline"),
    # Teachers
    path("teachers/", people.teacher_directory, name="teacher_directory"),
    path("teachers/<int:user_id>/", people.teacher_profile, name="teacher_profile"),
    path("teachers/<int:user_id>/photo/<str:name>", people.teacher_photo, name="teacher_photo"),
    path("teachers/<int:user_id>/record/", people.learning_record, name="teacher_record"),
    path(
        "teachers/<int:user_id>/record.json",
        people.learning_record_json,
        name="teacher_record_json",
    ),
    path(
        "teachers/<int:user_id>/record.csv", people.learning_record_csv, name="teacher_record_csv"
    ),
]
