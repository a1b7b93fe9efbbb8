from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReleaseNotesConfig(AppConfig):
    name = "release_notes"
    verbose_name = _("Release notes en gekende bugs")
