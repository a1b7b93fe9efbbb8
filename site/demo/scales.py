"""How much demo content each ``--scale`` makes.

``seed`` is the organisation's real scale of 2022 (73 news items, 64 of them about a
service); ``large`` is ten times that; ``small`` is only the hand-written items.
"""

from dataclasses import dataclass

from demo.content.news import HANDWRITTEN_NEWS


@dataclass(frozen=True)
class Scale:
    name: str
    news_items: int
    service_news_items: int
    progress_every: int = 0

    @property
    def generated_news_items(self) -> int:
        return self.news_items - len(HANDWRITTEN_NEWS)

    @property
    def generated_untagged_items(self) -> int:
        """Generated items without a service, so the scale's total comes out right."""
        handwritten_untagged = sum(1 for item in HANDWRITTEN_NEWS if not item.services)
        return self.news_items - self.service_news_items - handwritten_untagged


_HANDWRITTEN_TAGGED = sum(1 for item in HANDWRITTEN_NEWS if item.services)

SCALES: dict[str, Scale] = {
    "small": Scale("small", len(HANDWRITTEN_NEWS), _HANDWRITTEN_TAGGED),
    "seed": Scale("seed", 73, 64, progress_every=25),
    "large": Scale("large", 730, 640, progress_every=100),
}
DEFAULT_SCALE = "small"
