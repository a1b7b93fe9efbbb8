"""People who log in: library and culture-centre staff, editors and administrators."""

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _

from services.choices import Werkveld


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError(_("Een e-mailadres is verplicht."))
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def get_by_natural_key(self, email):
        # Addresses are stored in lower case; people type them in any case.
        return self.get(email__iexact=email)

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.update(is_staff=True, is_superuser=True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person, identified by e-mail address (there is no separate username)."""

    username = None
    email = models.EmailField(_("e-mailadres"), unique=True)
    organisation = models.CharField(
        _("organisatie"),
        max_length=200,
        blank=True,
        help_text=_("Je bibliotheek, cultuurhuis of organisatie."),
    )
    werkveld = models.CharField(
        _("werkveld"), max_length=20, choices=Werkveld.choices, blank=True
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")

    def __str__(self):
        return self.get_full_name() or self.email
