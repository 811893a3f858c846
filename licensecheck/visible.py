"""Text from inputs, made safe to show: every character that could act rather than be read
(a line break, a terminal escape, a bidirectional override, a zero-width character) is
shown as a visible escape (`\\n`, `\\x1b`, `\\u202e`).

A report or message writes its own line breaks; a value it quotes never starts a line, so
a manifest or a Hub card cannot forge a CI workflow command, clear a terminal or reorder
what a reader sees. Each output format applies its own escaping on top (Markdown, HTML,
GitHub commands, XML); this is the part they share.
"""

from __future__ import annotations

import re

# C0 and C1 controls (line breaks and ESC among them), DEL, the Unicode line and paragraph
# separators, bidirectional controls and zero-width characters.
_ACTIVE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# What json.dumps leaves raw in strings (it escapes C0 controls itself; outside strings, JSON
# has only its own ASCII punctuation and white space).
_RAW_IN_JSON = re.compile("[\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")


def visible(text: str, *, keep_newlines: bool = False) -> str:
    """`text` with every active character replaced by a visible escape; backslashes are kept
    as they are, so escaping twice changes nothing. `keep_newlines` is for a format that
    encodes line breaks itself (a GitHub annotation's message)."""
    if keep_newlines:
        return "\n".join(_ACTIVE.sub(_escape, part) for part in text.split("\n"))
    return _ACTIVE.sub(_escape, text)


def json_text(text: str) -> str:
    """JSON text (as `json.dumps` wrote it) with the active characters it leaves raw (DEL, C1
    controls, bidirectional and zero-width characters) written as `\\uXXXX` escapes: the same
    JSON to a parser, inert on a terminal. They can only occur inside strings."""
    return _RAW_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    return _NAMED.get(char) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
