from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Startpagina en diensten")

    def ready(self):
        from home import signal_handlers  # noqa: F401
