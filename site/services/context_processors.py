from django.utils.functional import SimpleLazyObject

from services.models import Service


def services_navigation(request):
    """Active services for the navigation, queried only when a template uses them."""
    return {
        "nav_services": SimpleLazyObject(lambda: list(Service.objects.active())),
    }
