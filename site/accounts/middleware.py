from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from accounts.mfa import needs_to_set_up_mfa

ADMIN_PREFIX = "/admin/"


class RequireMfaForPublishersMiddleware:
    """Send publishers to the TOTP set-up before they can use the admin.

    A stolen password alone must not be enough to publish pages or send
    newsletters to thousands of people.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.path.startswith(ADMIN_PREFIX)
            and request.user.is_authenticated
            and needs_to_set_up_mfa(request.user)
        ):
            messages.warning(
                request,
                _(
                    "Wie pagina's publiceert of nieuwsbrieven verstuurt, meldt zich "
                    "aan in twee stappen. Stel eerst een authenticator-app in."
                ),
            )
            target = reverse("mfa_activate_totp")
            return redirect(f"{target}?{urlencode({'next': request.path})}")
        return self.get_response(request)
