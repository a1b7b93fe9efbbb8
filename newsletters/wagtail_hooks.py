"""Admin wiring: lists, subscribers, subscriptions, consent, import and export,
and sending issues."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.views.snippets import SnippetViewSet

from newsletters import admin_views, indicator_admin, send_admin
from newsletters.models import (
    Benchmark,
    ConsentRecord,
    IndicatorTarget,
    NewsletterArchivePage,
    NewsletterIssuePage,
    NewsletterList,
    Subscriber,
    Subscription,
)

MENU_HOOK = "register_newsletters_menu_item"


class RecordPermissionPolicy(ModelPermissionPolicy):
    """Records of what happened are read, never written, from the admin."""

    def user_has_permission(self, user, action):
        if action in ("add", "change"):
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class NewsletterListViewSet(SnippetViewSet):
    model = NewsletterList
    icon = "mail"
    menu_label = _("Lijsten")
    menu_hook = MENU_HOOK
    list_display = ["name", "kind", "service", "audience", "is_open_for_signup"]
    list_filter = ["kind", "audience", "is_open_for_signup"]
    search_fields = ["name", "description"]
    ordering = ["sort_order", "name"]
    copy_view_enabled = False


class SubscriberViewSet(SnippetViewSet):
    model = Subscriber
    icon = "user"
    menu_label = _("Abonnees")
    menu_hook = MENU_HOOK
    list_display = ["email", "name", "organisation", "werkveld", "status",
                    "created_at"]  # fmt: skip
    list_filter = ["status", "suppression_reason", "werkveld", "tracking_consent"]
    search_fields = ["email", "name", "organisation"]
    ordering = ["-created_at"]
    copy_view_enabled = False
    inspect_view_enabled = True


class SubscriptionViewSet(ModelViewSet):
    model = Subscription
    icon = "list-ul"
    menu_label = _("Inschrijvingen")
    menu_hook = MENU_HOOK
    list_display = ["subscriber", "newsletter", "status", "source", "confirmed_at",
                    "unsubscribed_at"]  # fmt: skip
    list_filter = ["newsletter", "status", "source", "unsubscribe_channel"]
    search_fields = ["subscriber__email"]
    ordering = ["-created_at"]
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["status"]


class ConsentRecordViewSet(ModelViewSet):
    model = ConsentRecord
    icon = "doc-full"
    menu_label = _("Toestemmingen")
    menu_hook = MENU_HOOK
    list_display = ["subscriber", "action", "source", "created_at"]
    list_filter = ["action", "source"]
    search_fields = ["subscriber__email"]
    ordering = ["-created_at"]
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["action"]


class IndicatorTargetViewSet(SnippetViewSet):
    model = IndicatorTarget
    icon = "crosshairs"
    menu_label = _("Doelstellingen")
    menu_hook = MENU_HOOK
    list_display = ["name", "year", "subscribers", "open_rate", "click_rate"]
    list_filter = ["year"]
    ordering = ["-year", "sort_order"]


class BenchmarkViewSet(SnippetViewSet):
    model = Benchmark
    icon = "order"
    menu_label = _("Benchmarks")
    menu_hook = MENU_HOOK
    list_display = ["year", "open_rate", "click_rate", "source"]
    ordering = ["-year"]


class NewslettersGroup(ViewSetGroup):
    menu_label = _("Nieuwsbrieven")
    menu_icon = "mail"
    menu_order = 250
    submenu_hook = MENU_HOOK
    items = (
        NewsletterListViewSet(),
        SubscriberViewSet(),
        SubscriptionViewSet("subscriptions"),
        ConsentRecordViewSet("consent_records"),
        IndicatorTargetViewSet(),
        BenchmarkViewSet(),
    )


register_permission_policy(Subscription, RecordPermissionPolicy(Subscription))
register_permission_policy(ConsentRecord, RecordPermissionPolicy(ConsentRecord))


@hooks.register("register_admin_viewset")
def register_newsletters_viewsets():
    return NewslettersGroup()


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


@hooks.register(MENU_HOOK)
def import_menu_item():
    return PermissionMenuItem(
        _("Importeren"),
        reverse("newsletters_admin:import"),
        icon_name="upload",
        order=10,
        permission="newsletters.add_subscriber",
    )


@hooks.register(MENU_HOOK)
def export_menu_item():
    return PermissionMenuItem(
        _("Exporteren"),
        reverse("newsletters_admin:export_index"),
        icon_name="download",
        order=11,
        permission="newsletters.view_subscription",
    )


@hooks.register(MENU_HOOK)
def indicators_menu_item():
    return PermissionMenuItem(
        _("Indicatoren"),
        reverse("newsletters_admin:indicators"),
        icon_name="table",
        order=1,
        permission=indicator_admin.PERMISSION,
    )


@hooks.register("register_admin_urls")
def register_newsletters_admin_urls():
    urls = [
        path("importeren/", admin_views.ImportView.as_view(), name="import"),
        path("importeren/<int:pk>/geweigerd.csv", admin_views.rejected_rows,
             name="rejected_rows"),
        path("exporteren/", admin_views.ExportIndexView.as_view(),
             name="export_index"),
        path("exporteren/<int:pk>.csv", admin_views.export_list, name="export"),
        path("edities/<int:page_id>/verzenden/", send_admin.SendView.as_view(),
             name="send"),
        path("edities/<int:page_id>/voortgang.json", send_admin.send_progress,
             name="send_progress"),
        path("edities/<int:page_id>/voorbeeld/", send_admin.email_preview,
             name="email_preview"),
        path("indicatoren/", indicator_admin.IndicatorDashboardView.as_view(),
             name="indicators"),
        path("indicatoren/<int:year>.csv", indicator_admin.report_csv,
             name="indicators_csv"),
        path("indicatoren/<int:year>.xlsx", indicator_admin.report_xlsx,
             name="indicators_xlsx"),
        path("archief/<int:archive_id>/nieuwe-editie/",
             admin_views.NewIssueWithNewsView.as_view(), name="new_issue_with_news"),
    ]  # fmt: skip
    return [
        path("nieuwsbrieven/", (urls, "newsletters_admin", "newsletters_admin")),
    ]


def _send_button(page, user):
    if getattr(page, "specific_class", None) is not NewsletterIssuePage:
        return None
    if not page.permissions_for_user(user).can_publish():
        return None
    return Button(
        _("Verzenden"),
        reverse("newsletters_admin:send", args=[page.pk]),
        icon_name="mail",
        priority=25,
    )


@hooks.register("register_page_header_buttons")
def issue_send_header_button(page, user, view_name=None, next_url=None):
    button = _send_button(page, user)
    if button:
        yield button


@hooks.register("register_page_listing_more_buttons")
def issue_send_listing_button(page, user, next_url=None):
    button = _send_button(page, user)
    if button:
        yield button


@hooks.register("register_page_header_buttons")
def archive_new_issue_header_button(page, user, view_name=None, next_url=None):
    if getattr(page, "specific_class", None) is not NewsletterArchivePage:
        return
    if page.permissions_for_user(user).can_add_subpage():
        yield Button(
            _("Nieuwe editie met wat nieuw is"),
            reverse("newsletters_admin:new_issue_with_news", args=[page.pk]),
            icon_name="plus",
            priority=20,
        )
