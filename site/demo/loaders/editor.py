"""The demo editor account that `make run` prints the login of."""

import os

from allauth.account.models import EmailAddress

from django.contrib.auth.models import Group

from accounts.models import User
from demo.loaders.permissions import NEWSROOM_GROUP
from home.editor_groups import service_group_name
from services.choices import Werkveld
from services.models import Service

EDITOR_EMAIL = "redacteur@example.org"
DEFAULT_EDITOR_PASSWORD = "leerplatform-demo"
EDITOR_SERVICE_SLUG = "wise"


def editor_password() -> str:
    return os.environ.get("DEMO_EDITOR_PASSWORD") or DEFAULT_EDITOR_PASSWORD


def load_demo_editor() -> tuple[User, bool]:
    """The editor, created once; an existing account keeps its password."""
    user = User.objects.filter(email=EDITOR_EMAIL).first()
    created = user is None
    if created:
        user = User.objects.create_user(
            email=EDITOR_EMAIL,
            password=editor_password(),
            first_name="Demo",
            last_name="Redacteur",
            organisation="Leerplatform",
            werkveld=Werkveld.POLICY_OTHER,
        )
    names = [NEWSROOM_GROUP]
    service = Service.objects.filter(slug=EDITOR_SERVICE_SLUG).first()
    if service:
        names.append(service_group_name(service.name))
    user.groups.add(*Group.objects.filter(name__in=names))
    address, _ = EmailAddress.objects.get_or_create(
        user=user,
        email=EDITOR_EMAIL,
        defaults={"verified": True, "primary": True},
    )
    if not (address.verified and address.primary):
        address.verified = address.primary = True
        address.save(update_fields=["verified", "primary"])
    return user, created
