"""The audit page written as UTF-8 pieces (report/html.encoded_parts_many): each dataset
shape's findings encoded once and joined with each copy's encoded name. Every byte is the
one encoding the rendered page writes, over the hostile names of tests/test_deferred.py,
several manifests, every error handler, and through the command itself (standard output
as bytes, as text in another encoding, and a file)."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from licensecheck import audit as audit_mod
from licensecheck.cli import console
from licensecheck.report import audit_encoded, html
from tests.conftest import WriteManifest
from tests.test_deferred import REGISTRY, WHEN, _judged, _names, _parsed, _text


@pytest.mark.parametrize(
    ("listed", "hostile", "waiver"), [(False, False, None), (True, True, None), (True, True, "data/a.jsonl")]
)
@pytest.mark.parametrize("errors", ["strict", "surrogateescape", "replace"])
def test_the_encoded_page_is_the_page_encoded(
    manifest: WriteManifest, listed: bool, hostile: bool, waiver: str | None, errors: str
) -> None:
    audit = audit_mod.build(
        _judged(_parsed(manifest, waiver, listed=listed, hostile=hostile)), REGISTRY, when=WHEN
    )
    page = html.render(audit)
    pieces = list(html.encoded_parts_many([audit], errors=errors))
    assert b"".join(pieces) == page.encode("utf-8", errors)
    assert any(a.shape is not None for a in audit.subjects)  # copies of shapes are among them
    assert "".join(html.parts(audit)) == page


def test_several_manifests_encode_their_one_page(manifest: WriteManifest) -> None:
    one = audit_mod.build(_judged(_parsed(manifest)), REGISTRY, when=WHEN)
    two = audit_mod.build(_judged(_parsed(manifest, listed=True, hostile=True)), REGISTRY, when=WHEN)
    page = html.render_many([one, two])
    assert b"".join(html.encoded_parts_many([one, two])) == page.encode()
    encoded = audit_encoded("html", [one])
    assert encoded is not None and b"".join(encoded) == html.render(one).encode()
    assert audit_encoded("markdown", [one]) is None  # (written as text)


@pytest.mark.parametrize("size", [1, 7, 200, 1 << 16])
def test_lines_are_encoded_in_pieces_of_any_size(size: int) -> None:
    lines: list[str | bytes] = ["<p>", "caf\u00e9 \u2014 \u201cquoted\u201d", "€".encode(), "", b"", "tail"]
    lines += [b"\xe2\x80\x94" * 40, "x" * 300, "y"]
    expected = "".join((line if isinstance(line, str) else line.decode()) + "\n" for line in lines).encode()
    assert b"".join(html._encoded(lines, "strict", size)) == expected
    assert "".join(html._joined(lines, size)) == expected.decode()


def _stdout(buffer: io.BytesIO, encoding: str = "utf-8") -> io.TextIOWrapper:
    return io.TextIOWrapper(buffer, encoding=encoding, errors="strict", newline="\n", write_through=True)


def test_a_piece_holding_an_escape_code_is_written_as_echo_writes_it(monkeypatch: pytest.MonkeyPatch) -> None:
    raw = io.BytesIO()
    stream = _stdout(raw)
    monkeypatch.setattr(sys, "stdout", stream)
    found = console.utf8_stdout()
    assert found is not None and found[1] == "strict"
    console.echo_encoded([b"before ", "\u2014 \033[31mred\033[0m ".encode(), b"after\n"], *found)
    stream.flush()
    assert raw.getvalue() == "before \u2014 red after\n".encode()


def test_standard_output_in_another_encoding_is_written_as_text(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdout", _stdout(io.BytesIO(), "latin-1"))
    assert console.utf8_stdout() is None
    monkeypatch.setattr(sys, "stdout", io.StringIO())  # (no byte stream beneath it)
    assert console.utf8_stdout() is None
    monkeypatch.setattr(sys, "stdout", _stdout(io.BytesIO()))
    assert console.utf8_stdout() is not None
    monkeypatch.setattr(os, "name", "nt")  # (a text stream there writes "\r\n" for each "\n")
    assert console.utf8_stdout() is None


def _audit(path: Path, *extra: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "licensecheck",
            "audit",
            str(path),
            "--format",
            "html",
            "--as-of",
            "2026-06-01",
            *extra,
        ],
        capture_output=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": "1780000000", **(env or {})},
        timeout=120,
        check=False,
    )


def test_the_command_writes_the_same_page_to_a_pipe_a_file_and_another_encoding(
    manifest: WriteManifest, tmp_path: Path
) -> None:
    names = [*_names(), "data/line\nbreak.jsonl", "data/" + "long-" * 30 + ".jsonl"]
    path = manifest(_text(names, listed=True))
    piped = _audit(path)
    assert piped.returncode in (0, 1), piped.stderr
    written = _audit(path, "-o", str(tmp_path / "page.html"))
    assert written.returncode == piped.returncode
    page = (tmp_path / "page.html").read_bytes()
    assert piped.stdout == page
    assert "\u2014".encode() in page  # (text beyond ASCII, so the encodings differ)
    wide = _audit(path, env={"PYTHONIOENCODING": "utf-16-le"})
    assert wide.stdout == page.decode().encode("utf-16-le")
