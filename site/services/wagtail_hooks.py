from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from services.models import Service


class ServiceViewSet(SnippetViewSet):
    model = Service
    icon = "sitemap"
    menu_label = _("Diensten")
    menu_order = 150
    add_to_admin_menu = True
    list_display = ["name", "audience", "is_software_product", "is_active"]
    list_filter = ["audience", "is_software_product", "is_active"]
    search_fields = ["name", "summary"]
    ordering = ["sort_order", "name"]


register_snippet(ServiceViewSet)
