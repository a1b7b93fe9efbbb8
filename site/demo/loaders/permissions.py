"""Editor groups: one for the shared newsroom, one per service for its pages."""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType

from wagtail.models import GroupPagePermission, Page

from demo.loaders.results import LoadResult
from home.models import ServicePage
from news.models import NewsIndexPage

NEWSROOM_GROUP = "Redactie"
PAGE_ACTIONS = ("add_page", "change_page", "publish_page")
NEWSROOM_PERMISSIONS = (
    ("wagtailadmin", "access_admin"),
    ("outbox", "view_outboxmessage"),
    ("services", "add_service"),
    ("services", "change_service"),
    # The newsroom reads the newsletter indicators and keeps the targets.
    ("newsletters", "view_indicatortarget"),
    ("newsletters", "add_indicatortarget"),
    ("newsletters", "change_indicatortarget"),
    ("newsletters", "view_benchmark"),
    ("newsletters", "change_benchmark"),
)


def service_group_name(service_name: str) -> str:
    return f"{NEWSROOM_GROUP} {service_name}"


def _permission(app_label: str, codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _page_permissions() -> list[Permission]:
    page_type = ContentType.objects.get_for_model(Page)
    return list(
        Permission.objects.filter(content_type=page_type, codename__in=PAGE_ACTIONS)
    )


def _group(name: str, result: LoadResult) -> Group:
    group, created = Group.objects.get_or_create(name=name)
    if created:
        result.created += 1
    else:
        result.existing += 1
    return group


def _grant_pages(group: Group, page: Page, permissions: list[Permission]) -> None:
    for permission in permissions:
        GroupPagePermission.objects.get_or_create(
            group=group, page=page, permission=permission
        )


def load_groups() -> LoadResult:
    """The groups and their permissions; missing grants are added, none removed."""
    result = LoadResult()
    page_permissions = _page_permissions()
    access_admin = _permission("wagtailadmin", "access_admin")

    newsroom = _group(NEWSROOM_GROUP, result)
    newsroom.permissions.add(*(_permission(*p) for p in NEWSROOM_PERMISSIONS))
    news_index = NewsIndexPage.objects.first()
    if news_index:
        _grant_pages(newsroom, news_index, page_permissions)

    for page in ServicePage.objects.select_related("service").order_by("path"):
        group = _group(service_group_name(page.service.name), result)
        group.permissions.add(access_admin)
        _grant_pages(group, page, page_permissions)
    return result
