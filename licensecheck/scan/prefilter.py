"""What keeps a scan of thousands of files fast: substring searches before any parsing.

A file is parsed only if its bytes hold a name a use needs (`is_candidate`). Within a file,
the lines that hold such a name, or a binding another scope reads (`self.x = …`, argparse
options, the environment, `global`), are the hot lines; a top-level function without one
cannot use a model or define what a use reads, so it is blanked before parsing (its lines
stay, empty, so every line number holds) and its body is never walked.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

# `in` on bytes is a fast substring search; a regex alternation of these is several times slower.
CANDIDATE_TOKENS = (
    *("from_pretrained", "load_dataset", "load_from_disk", "snapshot_download", "hf_hub_download"),
    *("SentenceTransformer", "CrossEncoder", "openai", "OpenAI", "anthropic", "Anthropic"),
    *("genai", "generativeai", "vertexai", "mistral", "Mistral", "cohere", "litellm"),
    *("completions", "messages.create", "generate_content", "vllm", "LLM", "pipeline", "Trainer"),
    *("from_json", "from_csv", "from_parquet", "distilabel", "init_chat_model", "langchain"),
    *("Groq", "groq", "Together", "together", "bedrock", "model_name_or_path", "dataset_name"),
)
_CANDIDATE_BYTES = tuple(t.encode() for t in CANDIDATE_TOKENS)
_BINDS = ("add_argument", "environ", "setdefault", "global ")
_SELF_ASSIGN = re.compile(r"self\.\w+\s*(?::[^=\n]*)?=")
_TOP_FUNCTION = re.compile(r"(?:async\s+)?def\s")
_QUOTES = ('"""', "'''")


def is_candidate(data: bytes) -> bool:
    return any(token in data for token in _CANDIDATE_BYTES)


class Hot:
    """The hot lines of a source (1-based, sorted)."""

    def __init__(self, source: str) -> None:
        starts = [0]
        at = source.find("\n")
        while at != -1:
            starts.append(at + 1)
            at = source.find("\n", at + 1)
        found: set[int] = set()
        for token in (*CANDIDATE_TOKENS, *_BINDS):
            at = source.find(token)
            while at != -1:
                found.add(bisect.bisect_right(starts, at))
                at = source.find(token, at + 1)
        at = source.find("self.")
        while at != -1:
            if _SELF_ASSIGN.match(source, at):
                found.add(bisect.bisect_right(starts, at))
            at = source.find("self.", at + 1)
        self.lines = sorted(found)

    def within(self, first: int, last: int) -> bool:
        """Whether a hot line lies in [first, last]."""
        i = bisect.bisect_left(self.lines, first)
        return i < len(self.lines) and self.lines[i] <= last


def prune(source: str, hot: Hot) -> str:
    """`source` with every top-level function that holds no hot line blanked."""
    lines = source.split("\n")
    top = _statement_starts(lines)
    blanked = False
    for i, line in enumerate(lines):
        if not top[i] or not _TOP_FUNCTION.match(line):
            continue
        start = i
        while start > 0 and top[start - 1] and lines[start - 1].startswith("@"):
            start -= 1
        end = next((j for j in range(i + 1, len(lines)) if top[j]), len(lines))
        if not hot.within(start + 1, end):
            lines[start:end] = [""] * (end - start)
            blanked = True
    return "\n".join(lines) if blanked else source


def _statement_starts(lines: Sequence[str]) -> list[bool]:
    """Per line: does a top-level statement (or decorator) start on it? Lines inside a
    triple-quoted string, blank lines, comments and closing brackets do not."""
    out = []
    quote: str | None = None
    for line in lines:
        starts = quote is None and bool(line) and line[0] not in " \t#)]}"
        out.append(starts)
        # Track triple-quoted strings crudely: an odd count of a delimiter toggles it.
        for q in _QUOTES:
            if (quote is None or quote == q) and line.count(q) % 2 == 1:
                quote = None if quote == q else q
    return out
