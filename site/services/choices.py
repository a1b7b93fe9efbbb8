"""Vocabularies shared by every app: who a service is for and a person's werkveld."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Audience(models.TextChoices):
    LIBRARIES = "bibliotheken", _("Bibliotheken")
    PERFORMING_ARTS = "podiumhuizen", _("Podiumhuizen")
    BOTH = "beide", _("Bibliotheken en podiumhuizen")

    @classmethod
    def entry_points(cls) -> list["Audience"]:
        """The audiences that get their own entry on the site (not 'both')."""
        return [cls.LIBRARIES, cls.PERFORMING_ARTS]


class Werkveld(models.TextChoices):
    """The field someone works in, as the organisation's sign-up forms ask it."""

    LIBRARY = "bibliotheek", _("Bibliotheek")
    CULTURE_HOUSE = "cultuurhuis", _("Kunst- of cultuurhuis en cultuurdienst")
    POLICY_OTHER = "beleid-andere", _("Beleid en andere")
