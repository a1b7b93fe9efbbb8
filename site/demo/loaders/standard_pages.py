from demo.content.standard_pages import STANDARD_PAGES
from demo.loaders.pages import child_slugs, publish_new_child
from demo.loaders.results import LoadResult
from home.models import HomePage, StandardPage


def load_standard_pages(home: HomePage) -> LoadResult:
    result = LoadResult()
    taken = child_slugs(home)
    for text in STANDARD_PAGES:
        if text.slug in taken:
            result.existing += 1
            continue
        page = StandardPage(
            title=text.title, slug=text.slug, intro=text.intro, body=text.body
        )
        publish_new_child(home, page)
        result.created += 1
    return result
