from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person on the platform. Teachers sign in with their e-mail address."""

    email = models.EmailField(_("e-mail address"), unique=True)
    email_confirmed = models.BooleanField(_("e-mail confirmed"), default=False)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.get_full_name() or self.username
