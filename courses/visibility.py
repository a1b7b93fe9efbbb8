"""Which restricted pages a visitor may see.

Wagtail checks a view restriction when a page is served, but listings, the table of
contents and search build their own querysets, and ``PageQuerySet.public()`` would
hide restricted pages from the very group they are meant for. Here the restrictions
a visitor does not pass become a ``NOT EXISTS`` condition inside those querysets, so
respecting them costs no query of its own (search, which may only filter by plain
lookups, costs one: ``hidden_page_ids``).
"""

from __future__ import annotations

from functools import reduce
from operator import or_

from django.db.models import (
    CharField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
)
from django.db.models.lookups import StartsWith
from django.http import HttpRequest

from wagtail.models import Page, PageViewRestriction


def blocking_restrictions(request: HttpRequest | None) -> QuerySet:
    """The view restrictions this visitor does not pass.

    Without a request (e-mails, feeds, anything built offline) every restriction
    blocks.
    """
    restrictions = PageViewRestriction.objects.all()
    if request is None:
        return restrictions
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        if user.is_superuser:
            return restrictions.none()
        restrictions = restrictions.exclude(
            restriction_type=PageViewRestriction.LOGIN
        ).exclude(restriction_type=PageViewRestriction.GROUPS, groups__user=user)
    session = getattr(request, "session", None)
    if session is not None:
        passed = session.get(PageViewRestriction.passed_view_restrictions_session_key)
        if passed:
            restrictions = restrictions.exclude(
                restriction_type=PageViewRestriction.PASSWORD, id__in=passed
            )
    return restrictions


def hidden_condition(request: HttpRequest | None, path_field: str = "path") -> Exists:
    """True for pages inside an area the visitor may not see (for ``exclude()``)."""
    outer_path = ExpressionWrapper(OuterRef(path_field), output_field=CharField())
    return Exists(
        blocking_restrictions(request).filter(StartsWith(outer_path, F("page__path")))
    )


def is_hidden(page: Page, request: HttpRequest | None) -> bool:
    """Whether this page lies inside an area the visitor may not see."""
    step = page.steplen
    ancestors = [page.path[:n] for n in range(step, len(page.path) + 1, step)]
    return blocking_restrictions(request).filter(page__path__in=ancestors).exists()


def has_hidden_descendants(page: Page, request: HttpRequest | None) -> bool:
    """Whether some pages below this one are kept from the visitor."""
    return (
        blocking_restrictions(request)
        .filter(page__path__startswith=page.path)
        .exclude(page=page)
        .exists()
    )


def hidden_page_ids(request: HttpRequest | None) -> QuerySet:
    """The ids of pages kept from this visitor, as a subquery.

    For querysets that must be filtered by plain field lookups only, such as those
    handed to the search backend. The paths of the closed areas are read first (one
    small query): as constant prefixes they are found through the index on
    ``path``, where ``hidden_condition`` would test every page against every
    restriction.
    """
    paths = set(blocking_restrictions(request).values_list("page__path", flat=True))
    if not paths:
        return Page.objects.none().values("id")
    areas = [Q(path__startswith=path) for path in sorted(paths)]
    return Page.objects.filter(reduce(or_, areas)).values("id")
