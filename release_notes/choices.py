"""Vocabularies of release notes, known bugs and banners."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReleaseKind(models.TextChoices):
    WEEKLY = "wekelijks", _("Wekelijkse update")
    MAJOR = "versie", _("Nieuwe versie")


class ReleaseStatus(models.TextChoices):
    """Who may read a published release note; only ``publishing`` changes it."""

    SCHEDULED = "gepland", _("Gepland: openbaar op de productiedatum")
    PRE_RELEASE = "voorlopig", _("Voorlopig: gedeeld met systeembeheerders")
    PUBLIC = "openbaar", _("Openbaar")


class ItemKind(models.TextChoices):
    NEW = "nieuw", _("Nieuw")
    IMPROVED = "verbeterd", _("Verbeterd")
    FIXED = "opgelost", _("Opgelost")


class BugImpact(models.TextChoices):
    FEW = "enkele", _("Enkele bibliotheken")
    MOST = "meeste", _("De meeste bibliotheken")


class BugStatus(models.TextChoices):
    INVESTIGATING = "onderzocht", _("Wordt onderzocht")
    WORKAROUND = "workaround", _("Workaround beschikbaar")
    FIX_PLANNED = "oplossing-gepland", _("Oplossing gepland")
    SOLVED = "opgelost", _("Opgelost")

    @classmethod
    def open_values(cls) -> list[str]:
        return [cls.INVESTIGATING, cls.WORKAROUND, cls.FIX_PLANNED]


class BannerSeverity(models.TextChoices):
    OUTAGE = "storing", _("Storing")
    MAINTENANCE = "onderhoud", _("Onderhoud")
    INFO = "info", _("Info")
