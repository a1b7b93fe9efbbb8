from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Leeraanbod")

    def ready(self):
        from courses.service_section import table_of_contents
        from services.sections import register_service_section

        register_service_section(
            "courses",
            "courses/includes/table_of_contents.html",
            table_of_contents,
            order=10,
        )
        from courses import newsletter_sources

        newsletter_sources.register()
