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
from json.encoder import encode_basestring
from typing import Any


class _Unusual(Exception):
    """A value this encoder does not write exactly as the standard library does."""


def dumps(value: Any) -> str:
    parts: list[str] = []
    try:
        _write(value, parts, "\n")
    except _Unusual:
        return json.dumps(value, indent=2, ensure_ascii=False)
    return "".join(parts)


def _write(value: Any, parts: list[str], newline: str) -> None:
    """Append `value`'s text; `newline` is a line break and the indent of its level."""
    kind = type(value)
    if kind is str:
        parts.append(encode_basestring(value))
    elif kind is dict:
        if not value:
            parts.append("{}")
            return
        inner = newline + "  "
        opening = "{" + inner
        for key, item in value.items():
            if type(key) is not str:
                raise _Unusual  # the library turns numbers and None into keys its own way
            parts.append(opening + encode_basestring(key) + ": ")
            opening = "," + inner
            _write(item, parts, inner)
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
            _write(item, parts, inner)
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
