"""Who must use two-step verification: everyone who can publish or send."""

from __future__ import annotations

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled

from django.conf import settings

from wagtail.models import GroupPagePermission


def can_publish_or_send(user) -> bool:
    """Superusers, anyone with a page publish permission, or with a send permission."""
    if not user.is_active:
        return False
    if user.is_superuser:
        return True
    publishes = GroupPagePermission.objects.filter(
        group__user=user, permission__codename="publish_page"
    ).exists()
    return publishes or any(
        user.has_perm(permission) for permission in settings.MFA_REQUIRED_PERMISSIONS
    )


def needs_to_set_up_mfa(user) -> bool:
    """True when the user must use a TOTP app and has not set one up yet."""
    return (
        settings.MFA_REQUIRED_FOR_PUBLISHERS
        and can_publish_or_send(user)
        and not is_mfa_enabled(user, [Authenticator.Type.TOTP])
    )
