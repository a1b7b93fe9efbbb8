from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReleaseNotesConfig(AppConfig):
    name = "release_notes"
    verbose_name = _("Release notes en gekende bugs")

    def ready(self):
        from release_notes import signal_handlers  # noqa: F401
        from release_notes.sections import service_section_context
        from services.sections import register_service_section

        register_service_section(
            "release_notes",
            "release_notes/includes/service_section.html",
            service_section_context,
            order=50,
        )
        from release_notes import newsletter_sources

        newsletter_sources.register()
