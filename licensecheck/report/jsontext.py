"""`json.dumps(value, indent=2, ensure_ascii=False)`, the same text, several times faster.

With an indent, the standard library encodes in pure Python, one generator step per value;
a SARIF log of 10,000 findings is millions of them. This writes the same characters
(strings through the library's own C escaper) for the plain data reports build: dicts with
string keys, lists and tuples, strings, ints, floats, booleans and None. Anything else is
left to the standard library, so the text is always the one it would write
(tests/test_report.py compares them).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from json.encoder import encode_basestring
from typing import Any


class _Unusual(Exception):
    """A value this encoder does not write exactly as the standard library does."""


class Raw:
    """JSON text written as it is (a slot a report fills in later, or an entry it filled in).
    Not a str, so the standard library refuses it rather than quoting it."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text


def dumps(value: Any, post: Callable[[str], str] | None = None, newline: str = "\n", slot: str = "") -> str:
    """`value` as indented JSON (`pieces`, joined)."""
    return "".join(pieces(value, post, newline, slot))


def pieces(
    value: Any, post: Callable[[str], str] | None = None, newline: str = "\n", slot: str = ""
) -> list[str]:
    """`value` as indented JSON, in pieces to be joined or written one after the other.
    `post` rewrites each string as written (quoted and escaped): a change character by
    character to what the library leaves raw (visible.json_text), so applying it to each
    string is applying it to the whole text. `newline` is a line break
    and the indent of the level `value` sits at. `slot` is kept raw in every string, to be
    filled in later (report/shapes.py); the escapes never write a raw NUL, so it stays apart."""
    parts: list[str] = []
    string = encode_basestring
    if post is not None:
        escape = post

        def string(text: str) -> str:  # (most strings are ASCII: nothing to rewrite)
            written = encode_basestring(text)
            return written if written.isascii() else escape(written)

    if slot:
        whole = string

        def string(text: str) -> str:
            if slot not in text:
                return whole(text)
            return '"' + slot.join(whole(piece)[1:-1] for piece in text.split(slot)) + '"'

    try:
        _write(value, parts, newline, string)
    except _Unusual:
        if slot:  # (never so for the plain records a report's templates hold)
            raise TypeError("a template holds a value only the standard library writes") from None
        # (a Raw value makes the library raise: it is never written as a string)
        text = json.dumps(value, indent=2, ensure_ascii=False).replace("\n", newline)
        return [text if post is None else post(text)]
    return parts


def _write(value: Any, parts: list[str], newline: str, string: Callable[[str], str]) -> None:
    """Append `value`'s text; `newline` is a line break and the indent of its level."""
    kind = type(value)
    if kind is str:
        parts.append(string(value))
    elif kind is Raw:
        parts.append(value.text)
    elif kind is dict:
        if not value:
            parts.append("{}")
            return
        inner = newline + "  "
        opening = "{" + inner
        for key, item in value.items():
            if type(key) is not str:
                raise _Unusual  # the library turns numbers and None into keys its own way
            parts.append(opening + string(key) + ": ")
            opening = "," + inner
            _write(item, parts, inner, string)
        parts.append(newline + "}")
    elif kind is list or kind is tuple:
        if not value:
            parts.append("[]")
            return
        inner = newline + "  "
        opening = "[" + inner
        for item in value:
            parts.append(opening)
            opening = "," + inner
            _write(item, parts, inner, string)
        parts.append(newline + "]")
    elif value is None:
        parts.append("null")
    elif value is True:
        parts.append("true")
    elif value is False:
        parts.append("false")
    elif kind is int:
        parts.append(int.__repr__(value))
    elif kind is float and value == value and value not in (float("inf"), float("-inf")):
        parts.append(float.__repr__(value))
    else:
        raise _Unusual
