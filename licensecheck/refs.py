"""Model and dataset references: `org/name` Hub repos and `provider:model` APIs."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ModelRef:
    """A reference as written, compared the way its namespace compares names."""

    text: str

    @property
    def is_api(self) -> bool:
        return ":" in self.text and "/" not in self.text.split(":", 1)[0]

    @property
    def provider(self) -> str | None:
        return self.text.split(":", 1)[0].lower() if self.is_api else None

    @property
    def key(self) -> str:
        """The comparison key: the Hub compares repo ids case-insensitively, so do we."""
        return normalise(self.text)

    def __str__(self) -> str:
        return self.text


def normalise(ref: str) -> str:
    return ref.strip().lower()
