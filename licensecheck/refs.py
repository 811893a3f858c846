"""Model and dataset references: `org/name` Hub repos and `provider:model` APIs."""

from __future__ import annotations

import unicodedata
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


# --- characters that make one id look like another ------------------------------

# Letters of other scripts that render like Latin ones: the common Cyrillic and Greek
# look-alikes (Unicode's confusables.txt has thousands; these are the ones that fit ids).
# Written as escapes: the source itself must not hide look-alikes.
_LOOKALIKES: dict[str, str] = {
    # Cyrillic lower case: aeopcyxijshdqwvl
    **dict(
        zip(
            "\u0430\u0435\u043e\u0440\u0441\u0443\u0445\u0456\u0458\u0455\u04bb\u0501\u051b\u051d\u0475\u04cf",
            "aeopcyxijshdqwvl",
            strict=True,
        )
    ),
    # Cyrillic upper case: ABEKMHOPCTXIJSY
    **dict(
        zip(
            "\u0410\u0412\u0415\u041a\u041c\u041d\u041e\u0420\u0421\u0422\u0425\u0406\u0408\u0405\u0423",
            "ABEKMHOPCTXIJSY",
            strict=True,
        )
    ),
    # Greek lower case: aopoikvuxt
    **dict(zip("\u03b1\u03bf\u03c1\u03bf\u03b9\u03ba\u03bd\u03c5\u03c7\u03c4", "aopoikvuxt", strict=True)),
    # Greek upper case: ABEZHIKMNOPTYX
    **dict(
        zip(
            "\u0391\u0392\u0395\u0396\u0397\u0399\u039a\u039c\u039d\u039f\u03a1\u03a4\u03a5\u03a7",
            "ABEZHIKMNOPTYX",
            strict=True,
        )
    ),
    # dotless i, script l: il
    **dict(zip("\u0131\u2113", "il", strict=True)),
}
# Format (zero-width, bidirectional), control and separator characters: never in an id,
# and invisible or reordering where they appear.
_HIDDEN = frozenset({"Cf", "Cc", "Zl", "Zp"})


_BIDI_CONTROLS = frozenset({"LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI"})


def hidden_characters(text: str, allow: str = "") -> str | None:
    """What keeps `text` from showing what it is: its first control, zero-width or
    bidirectional character, described (None if it has none, but for those in `allow`)."""
    if text.isascii() and text.isprintable():
        return None  # the common case, decided in C
    for c in text:
        hidden = not (c.isascii() and c.isprintable()) and unicodedata.category(c) in _HIDDEN
        if hidden and c not in allow:
            return _describe(c)
    return None


def lookalike_characters(text: str) -> str | None:
    """What in `text` is not ASCII (Hub ids and API model names are), described so a reader
    sees it: "a Cyrillic 'a' (U+0430)", "an invisible ZERO WIDTH SPACE (U+200B)"."""
    if text.isascii() and text.isprintable():
        return None  # the common case, decided in C
    odd = list(dict.fromkeys(c for c in text if not c.isascii() or not c.isprintable()))
    if not odd:
        return None
    described = ", ".join(_describe(c) for c in odd[:3]) + (" and more" if len(odd) > 3 else "")
    scripts = sorted({_script(c) for c in text if c.isalpha()})
    mixed = f" (it mixes {' and '.join(scripts)} letters)" if len(scripts) > 1 else ""
    return f"contains {described}{mixed}"


def skeleton(text: str) -> str:
    """`text` with look-alikes replaced by the ASCII letters they imitate and invisible
    characters dropped: the id the writer most likely meant."""
    return "".join(_plain(c) for c in text)


def _plain(c: str) -> str:
    if c.isascii():
        return c if c.isprintable() else ""
    if unicodedata.category(c) in _HIDDEN:
        return ""
    if c in _LOOKALIKES:
        return _LOOKALIKES[c]
    folded = unicodedata.normalize("NFKC", c)  # fullwidth and mathematical letters, ligatures
    return folded if folded.isascii() else c


def _describe(c: str) -> str:
    code = f"U+{ord(c):04X}"
    name = unicodedata.name(c, "")
    category = unicodedata.category(c)
    if category == "Cf":
        kind = "a bidirectional control" if unicodedata.bidirectional(c) in _BIDI_CONTROLS else "an invisible"
        return f"{kind} {name or 'format character'} ({code})"
    if category in ("Cc", "Zl", "Zp"):
        return f"a control character ({code})"
    named = f"{code} {name}" if name else code
    return f"a {_script(c)} '{c}' ({named})" if c.isalpha() else f"'{c}' ({named})"


def _script(c: str) -> str:
    """The script of a letter, from its Unicode name: CYRILLIC SMALL LETTER A -> Cyrillic."""
    name = unicodedata.name(c, "")
    if c.isascii():
        return "Latin"
    first = name.split(" ", 1)[0] if name else "unknown"
    return {"FULLWIDTH": "fullwidth", "MATHEMATICAL": "mathematical"}.get(first, first.title())
