from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from courses.admin_views import GRANT_PERMISSION, grant_group_view, mark_reviewed_view
from courses.reports import StaleContentView


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("groep-toekennen/", grant_group_view, name="courses_grant_group"),
        path(
            "reports/verouderde-inhoud/",
            StaleContentView.as_view(),
            name="courses_stale_content",
        ),
        path(
            "reports/verouderde-inhoud/results/",
            StaleContentView.as_view(results_only=True),
            name="courses_stale_content_results",
        ),
        path(
            "verouderde-inhoud/<int:page_id>/nagekeken/",
            mark_reviewed_view,
            name="courses_mark_reviewed",
        ),
    ]


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


@hooks.register("register_reports_menu_item")
def register_stale_content_menu_item():
    return MenuItem(
        _("Verouderde inhoud"),
        reverse("courses_stale_content"),
        name="stale-content",
        icon_name="time",
        order=1010,
    )
