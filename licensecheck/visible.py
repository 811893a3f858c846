"""Text from inputs, made safe to show: every character that could act rather than be read
(a line break, a terminal escape, a bidirectional override, a zero-width or unassigned
character) is shown as a visible escape (`\\n`, `\\x1b`, `\\u202e`).

A report or message writes its own line breaks; a value it quotes never starts a line, so
a manifest or a Hub card cannot forge a CI workflow command, clear a terminal or reorder
what a reader sees. Each output format applies its own escaping on top (Markdown, HTML,
GitHub commands, XML); this is the part they share, and error messages use it too.
"""

from __future__ import annotations

import re
import unicodedata

# Controls (ESC starts escape sequences), format characters (zero-width, bidirectional
# overrides), line and paragraph separators, surrogates, private-use and unassigned code
# points: a terminal acts on them or hides them.
_HIDDEN = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"})
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# Printable ASCII never needs a look; everything else is checked one character at a time.
_CANDIDATE = re.compile(r"[^\x20-\x7e]")
# json.dumps escapes C0 controls itself and writes the rest of the text raw.
_JSON_CANDIDATE = re.compile(r"[^\x00-\x7e]")


def visible(text: str, *, keep_newlines: bool = False) -> str:
    """`text` with every hidden or active character replaced by a visible escape; backslashes
    are kept as they are, so escaping twice changes nothing. `keep_newlines` is for a format
    that encodes line breaks itself (a GitHub annotation's message) or a message that lists
    one problem per line."""
    if text.isprintable():
        return text  # no control, format, separator, private or unassigned character in it
    return _CANDIDATE.sub(lambda m: _escape(m.group(), keep_newlines), text)


def is_hidden(char: str) -> bool:
    return unicodedata.category(char) in _HIDDEN


def json_text(text: str) -> str:
    """JSON text (as `json.dumps` wrote it) with the hidden characters it leaves raw (DEL, C1
    controls, bidirectional and zero-width characters) written as `\\uXXXX` escapes: the same
    JSON to a parser, inert on a terminal. They can only occur inside strings."""
    return _JSON_CANDIDATE.sub(lambda m: _json_escape(m.group()), text)


def _escape(char: str, keep_newlines: bool) -> str:
    if char == "\n" and keep_newlines:
        return char
    if char in _NAMED:
        return _NAMED[char]
    if not is_hidden(char):
        return char
    code = ord(char)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def _json_escape(char: str) -> str:
    if not is_hidden(char):
        return char
    units = char.encode("utf-16-be")  # a character beyond the BMP is a surrogate pair in JSON
    return "".join(f"\\u{int.from_bytes(units[i : i + 2], 'big'):04x}" for i in range(0, len(units), 2))
