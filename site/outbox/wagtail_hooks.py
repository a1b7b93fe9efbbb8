from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.views.generic import InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from outbox.models import OutboxMessage
from themes.sanitising import clean_email_html


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """Messages are a record of what was sent: they can be read and deleted, never
    written or edited from the admin."""

    WRITE_ACTIONS = {"add", "change"}

    def user_has_permission(self, user, action):
        if action in self.WRITE_ACTIONS:
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class OutboxInspectView(InspectView):
    template_name = "outbox/inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["safe_html"] = clean_email_html(self.object.html_body)
        return context


class OutboxViewSet(ModelViewSet):
    model = OutboxMessage
    icon = "mail"
    menu_label = _("Uitgaande post")
    menu_order = 900
    add_to_admin_menu = True
    inspect_view_enabled = True
    inspect_view_class = OutboxInspectView
    copy_view_enabled = False
    list_display = ["subject", "recipients", "from_email", "created_at"]
    list_filter = ["created_at"]
    search_fields = ["subject", "recipients"]
    ordering = ["-created_at"]
    inspect_view_fields = ["created_at", "from_email", "recipients", "subject"]
    # Required by ModelViewSet; the policy above never allows the add/edit forms.
    form_fields = ["subject"]


register_permission_policy(OutboxMessage, ReadOnlyPermissionPolicy(OutboxMessage))


@hooks.register("register_admin_viewset")
def register_outbox_viewset():
    return OutboxViewSet("outbox")
