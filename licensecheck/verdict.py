"""The four verdicts, ordered from best to worst."""

from __future__ import annotations

import enum
from collections.abc import Iterable


class Verdict(enum.Enum):
    """Ordered from best to worst; a run takes the worst of its findings."""

    PERMITTED = "permitted"
    CONDITIONAL = "conditional"
    NEEDS_REVIEW = "needs-review"
    PROHIBITED = "prohibited"

    @property
    def rank(self) -> int:
        return _RANK[self._value_]  # by value: a str hashes in C, a member in Python

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Verdict):
            return NotImplemented
        return self.rank < other.rank

    def __le__(self, other: object) -> bool:
        if not isinstance(other, Verdict):
            return NotImplemented
        return self.rank <= other.rank

    @property
    def phrase(self) -> str:
        """The verdict after a subject in a sentence: "needs review", not "is needs-review"."""
        return "needs review" if self is Verdict.NEEDS_REVIEW else f"is {self.value}"

    @staticmethod
    def worst(verdicts: Iterable[Verdict]) -> Verdict:
        return max(verdicts, key=lambda v: v.rank, default=Verdict.PERMITTED)


_RANK = {
    Verdict.PERMITTED.value: 0,
    Verdict.CONDITIONAL.value: 1,
    Verdict.NEEDS_REVIEW.value: 2,
    Verdict.PROHIBITED.value: 3,
}
