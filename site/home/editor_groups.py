"""Per-service editors: every service landing page gets a group "Redactie <dienst>"
that may add, change and publish pages below that page only.

Wagtail's page permissions are inherited down the tree, so a grant on the landing
page covers the service's courses, lessons, topics and webinars and nothing of
another service: an editor of Wise cannot publish a Gopress lesson.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType

from wagtail.models import GroupPagePermission, Page

EDITORS_PREFIX = "Redactie"
PAGE_ACTIONS = ("add_page", "change_page", "publish_page")


def service_group_name(service_name: str) -> str:
    return f"{EDITORS_PREFIX} {service_name}"


def page_permissions() -> list[Permission]:
    page_type = ContentType.objects.get_for_model(Page)
    return list(
        Permission.objects.filter(content_type=page_type, codename__in=PAGE_ACTIONS)
    )


def grant_pages(group: Group, page: Page, permissions: list[Permission]) -> None:
    """Give a group these page permissions on a page and everything below it."""
    for permission in permissions:
        GroupPagePermission.objects.get_or_create(
            group=group, page=page, permission=permission
        )


def ensure_service_editors(service_page) -> tuple[Group, bool]:
    """The editors' group of a service landing page, with its grants; missing
    grants are added, none removed. Returns the group and whether it was new."""
    group, created = Group.objects.get_or_create(
        name=service_group_name(service_page.service.name)
    )
    group.permissions.add(
        Permission.objects.get(
            content_type__app_label="wagtailadmin", codename="access_admin"
        )
    )
    grant_pages(group, service_page, page_permissions())
    return group, created
