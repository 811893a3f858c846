"""The HTML audit in a real headless browser (Debian's chromium): the DOM the browser builds
holds the verdict, every subject and every quote, and a screenshot of it is not blank.

Skipped only where chromium is absent outside CI; in CI (.ci/run installs it) it must run.
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import zlib
from html.parser import HTMLParser
from pathlib import Path

import pytest

from licensecheck.finding import section_mark
from tests.conftest import AS_OF, EXAMPLES, run_cli

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
if CHROMIUM is None and not os.environ.get("CI"):
    pytest.skip("chromium is not installed (CI installs it)", allow_module_level=True)

EXAMPLE_NAMES = sorted(p.name for p in EXAMPLES.iterdir() if (p / "licensecheck.yaml").is_file())


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None, "CI must have chromium: .ci/run installs it"
    command = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}",
        *args,
    ]
    proc = subprocess.run(command, capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc


class BrowserDom(HTMLParser):
    """The serialized DOM, read back: attributes of elements, and the text inside each."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[dict[str, str | None]] = []
        self.stack: list[tuple[str, dict[str, str | None], list[str]]] = []
        self.texts: dict[str, list[str]] = {"blockquote": [], "h1": [], "p": []}
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.elements.append({"tag": tag, **dict(attrs)})
        if tag in self.texts:
            self.stack.append((tag, dict(attrs), []))

    def handle_endtag(self, tag: str) -> None:
        if self.stack and self.stack[-1][0] == tag:
            name, _, parts = self.stack.pop()
            self.texts[name].append(" ".join("".join(parts).split()))

    def handle_data(self, data: str) -> None:
        for _, _, parts in self.stack:
            parts.append(data)


def write_report(tmp_path: Path, manifest: Path, name: str) -> tuple[Path, dict[str, object]]:
    out = tmp_path / f"{name}.html"
    run = run_cli("audit", str(manifest), "--format", "html", "-o", str(out), "--as-of", AS_OF)
    assert run.exit_code in (0, 1), run.stderr
    report = run_cli("audit", str(manifest), "--format", "json", "--as-of", AS_OF).json
    return out, report


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_browser_dom_holds_the_verdict_every_subject_and_every_quote(tmp_path: Path, name: str) -> None:
    page, report = write_report(tmp_path, EXAMPLES / name / "licensecheck.yaml", name)
    proc = chromium(tmp_path, "--dump-dom", page.as_uri())
    dom = BrowserDom()
    dom.feed(proc.stdout)
    assert "svg" in dom.tags and "script" not in dom.tags  # the browser parsed the inline diagram

    verdicts = [e for e in dom.elements if e.get("id") == "verdict"]
    assert [v.get("data-verdict") for v in verdicts] == [report["verdict"]]
    assert any(t.startswith(f"Verdict: {report['verdict']}") for t in dom.texts["p"])

    subjects = report["subjects"]
    assert isinstance(subjects, list)
    sections = {
        (e.get("data-subject"), e.get("data-role"), e.get("data-verdict"))
        for e in dom.elements
        if e["tag"] == "section"
    }
    assert sections == {(s["subject"], s["role"], s["verdict"]) for s in subjects}
    # Every clause is quoted, and once in its subject's block however many findings cite it.
    quoted = {
        (s["subject"], s["role"], c["terms"], c["section"], c["quote"])
        for s in subjects
        for f in s["findings"]
        for c in f["citations"]
    }
    for _, _, _, section, quote in quoted:
        folded = " ".join(quote.split())
        assert any(
            t.startswith(f"\u201c{folded}\u201d") and section_mark(section) in t
            for t in dom.texts["blockquote"]
        ), quote
    assert len(dom.texts["blockquote"]) == len(quoted)


def test_screenshot_is_not_blank(tmp_path: Path) -> None:
    page, _ = write_report(tmp_path, EXAMPLES / "llama-teacher-named" / "licensecheck.yaml", "shot")
    png = tmp_path / "shot.png"
    chromium(tmp_path, f"--screenshot={png}", "--window-size=1200,2000", "--hide-scrollbars", page.as_uri())
    width, height, pixels = decode_png(png.read_bytes())
    assert (width, height) == (1200, 2000)
    values = list(pixels)
    mean = sum(values) / len(values)
    variance = sum((v - mean) ** 2 for v in values[::7]) / len(values[::7])
    assert variance > 100, variance  # a blank page is one flat colour: variance 0
    assert (
        len(set(zip(values[0::3], values[1::3], values[2::3], strict=False))) > 20
    )  # text, badges, diagram colours


def decode_png(data: bytes) -> tuple[int, int, bytes]:
    """The pixels of an 8-bit RGB or RGBA PNG as RGB bytes: enough PNG for a screenshot."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos = 8
    idat = b""
    width = height = depth = colour = interlace = 0
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind: bytes | int = data[pos + 4 : pos + 8]
        body = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    assert depth == 8 and colour in (2, 6) and interlace == 0, (depth, colour, interlace)
    channels = 3 if colour == 2 else 4
    stride = width * channels
    raw = zlib.decompress(idat)
    out = bytearray()
    previous = bytearray(stride)
    for row in range(height):
        start = row * (stride + 1)
        kind = raw[start]
        line = bytearray(raw[start + 1 : start + 1 + stride])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            corner = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                predictor = left if pa <= pb and pa <= pc else up if pb <= pc else corner
                line[i] = (line[i] + predictor) & 0xFF
        previous = line
        if channels == 4:
            out += bytes(b for k, b in enumerate(line) if k % 4 != 3)
        else:
            out += line
    return width, height, bytes(out)


def test_png_decoder_reads_a_known_image() -> None:
    """The decoder the screenshot test relies on, on a PNG built here: 2x2, Paeth filtered."""
    pixels = [bytes([255, 0, 0, 0, 255, 0]), bytes([0, 0, 255, 255, 255, 255])]
    rows = b""
    previous = bytes(6)
    for line in pixels:
        filtered = bytearray()
        for i, value in enumerate(line):
            left = line[i - 3] if i >= 3 else 0
            up = previous[i]
            corner = previous[i - 3] if i >= 3 else 0
            p = left + up - corner
            pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
            predictor = left if pa <= pb and pa <= pc else up if pb <= pc else corner
            filtered.append((value - predictor) & 0xFF)
        rows += b"\x04" + bytes(filtered)
        previous = line

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
    png += chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")
    assert decode_png(png) == (2, 2, b"".join(pixels))


WAIVED = """\
licensecheck: 1
project: {name: waived-demo, use: commercial, release: open-weights, domicile: US}
teachers:
  - model: openai:gpt-4o
waivers:
  - subject: openai:gpt-4o
    approved_by: legal@example.test
    approved_on: 2026-01-02
    reason: "Signed agreement with the provider, ref. OAI-7"
    expires: 2030-01-01
"""
WAIVED_PURPLE = (0x6A, 0x1B, 0x9A)  # the waived badge's background (report/html.py)


def test_a_waived_subject_shows_as_waived_in_the_browser(tmp_path: Path) -> None:
    manifest = tmp_path / "licensecheck.yaml"
    manifest.write_text(WAIVED)
    page, report = write_report(tmp_path, manifest, "waived")
    subjects = report["subjects"]
    assert isinstance(subjects, list)
    [subject] = subjects
    assert subject["verdict"] == "permitted" and subject["label"] == "waived"  # the JSON keeps the contract
    dom = BrowserDom()
    dom.feed(chromium(tmp_path, "--dump-dom", page.as_uri()).stdout)
    [section] = [e for e in dom.elements if e["tag"] == "section"]
    assert section.get("data-label") == "waived"
    badges = [e for e in dom.elements if "v-waived" in (e.get("class") or "")]
    assert badges  # a waived badge, not a green "permitted"
    png = tmp_path / "waived.png"
    chromium(tmp_path, f"--screenshot={png}", "--window-size=1200,1600", "--hide-scrollbars", page.as_uri())
    _, _, pixels = decode_png(png.read_bytes())
    colours = set(zip(pixels[0::3], pixels[1::3], pixels[2::3], strict=False))
    assert WAIVED_PURPLE in colours  # the badge is drawn where a reader sees it


def test_a_group_of_datasets_judged_alike_reads_in_the_browser(tmp_path: Path) -> None:
    """Sixty shards of three shapes: the browser shows each shape once, as a group whose table
    lists every shard; each row's id is the anchor its own block would have had."""
    from tests.test_audit_groups import shards

    manifest = tmp_path / "licensecheck.yaml"
    manifest.write_text(shards(30, 25))
    page, report = write_report(tmp_path, manifest, "groups")
    dom = BrowserDom()
    dom.feed(chromium(tmp_path, "--dump-dom", page.as_uri()).stdout)
    groups = [e for e in dom.elements if e["tag"] == "div" and e.get("class") == "group"]
    assert sorted(int(str(g["data-members"])) for g in groups) == [25, 30]
    ids = [str(e["id"]) for e in dom.elements if e.get("id")]
    assert len(ids) == len(set(ids))
    rows = [
        e for e in dom.elements if e["tag"] == "tr" and str(e.get("id", "")).startswith("subject-dataset-")
    ]
    sections = [e for e in dom.elements if e["tag"] == "section" and e.get("data-role") == "dataset"]
    subjects = report["subjects"]
    assert isinstance(subjects, list)
    datasets = [s for s in subjects if s["role"] == "dataset"]
    assert len(rows) + len(sections) == len(datasets) == 60  # every shard once: a row or its block
    links = {
        str(e["href"])[1:] for e in dom.elements if e["tag"] == "a" and str(e.get("href", "")).startswith("#")
    }
    assert links <= set(ids)  # every link inside the page lands
