"""Editor groups: one for the shared newsroom, one per service for its pages."""

from django.contrib.auth.models import Group, Permission

from demo.loaders.results import LoadResult
from home.editor_groups import (
    EDITORS_PREFIX,
    ensure_service_editors,
    grant_pages,
    page_permissions,
)
from home.models import ServicePage
from news.models import NewsIndexPage

NEWSROOM_GROUP = EDITORS_PREFIX
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


def _permission(app_label: str, codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _group(name: str, result: LoadResult) -> Group:
    group, created = Group.objects.get_or_create(name=name)
    if created:
        result.created += 1
    else:
        result.existing += 1
    return group


def load_groups() -> LoadResult:
    """The groups and their permissions; missing grants are added, none removed."""
    result = LoadResult()
    permissions = page_permissions()

    newsroom = _group(NEWSROOM_GROUP, result)
    newsroom.permissions.add(*(_permission(*p) for p in NEWSROOM_PERMISSIONS))
    news_index = NewsIndexPage.objects.first()
    if news_index:
        grant_pages(newsroom, news_index, permissions)

    for page in ServicePage.objects.select_related("service").order_by("path"):
        _editors, created = ensure_service_editors(page)
        if created:
            result.created += 1
        else:
            result.existing += 1
    return result
