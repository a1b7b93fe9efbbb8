from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from wagtail.users.apps import WagtailUsersAppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")


class WagtailUsersWithProfileConfig(WagtailUsersAppConfig):
    """Wagtail's user admin, with the profile fields (organisation, werkveld) added."""

    user_viewset = "accounts.viewsets.UserViewSet"
