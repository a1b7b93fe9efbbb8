"""The full-text index that keeps search fast at scale, on PostgreSQL."""

import pytest

from django.db import connection

from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from release_notes.models import ReleaseNote

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]
INDEX = "search_indexentry_title_body_gin"
MATCH = '("wagtailsearch_indexentry"."title" || "wagtailsearch_indexentry"."body") @@'


@pytest.mark.parametrize("model", [Page, ReleaseNote])
def test_pages_and_release_notes_are_searched_on_the_indexed_expression(model):
    found = get_search_backend().search("wise", model.objects.all())

    assert MATCH in str(found.get_queryset().query)


def test_postgresql_finds_matching_index_entries_through_the_index():
    with connection.cursor() as cursor:
        # The test tables are tiny: without this, reading them whole is cheaper.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(
            "EXPLAIN SELECT id FROM wagtailsearch_indexentry "
            "WHERE (title || body) @@ to_tsquery('dutch', 'wise')"
        )
        plan = "\n".join(row[0] for row in cursor.fetchall())

    assert INDEX in plan
