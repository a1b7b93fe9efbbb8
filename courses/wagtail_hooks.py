from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from courses.admin_views import GRANT_PERMISSION, grant_group_view


@hooks.register("register_admin_urls")
def register_grant_group_url():
    return [path("groep-toekennen/", grant_group_view, name="courses_grant_group")]


class _PermissionMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(GRANT_PERMISSION)


@hooks.register("register_settings_menu_item")
def register_grant_group_menu_item():
    return _PermissionMenuItem(
        _("Groep toekennen (CSV)"),
        reverse("courses_grant_group"),
        icon_name="group",
        order=610,
    )
