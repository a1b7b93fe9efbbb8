from dataclasses import dataclass


@dataclass
class LoadResult:
    """What one section of the loader did: rows it made and rows that already were."""

    created: int = 0
    existing: int = 0

    def __str__(self) -> str:
        verb = "bestond" if self.existing == 1 else "bestonden"
        return f"{self.created} nieuw, {self.existing} {verb} al"
