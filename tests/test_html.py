"""HTML pages for the class: valid HTML5 (checked with html5lib's strict parser), self-contained,
accessible, corpus text escaped; and, where Chromium is installed, rendered, screenshotted and printed."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import zlib

import pytest

from conftest import DATA, MINI

html5lib = pytest.importorskip("html5lib")

HOSTILE_PAGE = """[[event]]
id = "hostile-html-1999"
date = "1999-05-15"
title = "A <script>alert(1)</script> title </style> & more"
summary = "Body with <b>tags</b> and \\"quotes\\" and <!-- a comment -->."
countries = ["CN"]
sources = ["https://example.org/a?b=1&c=<x>", "javascript:alert(1)"]
"""


def _parse(text: str):
    """The document as html5lib's strict parser sees it: any parse error fails the test."""
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    return parser.parse(text)


def _page(run, *args, **kw):
    result = run(*args, "--format", "html", bundled=MINI, **kw)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_day_page_is_valid_self_contained_html(run):
    text = _page(run, "on", "05-15")
    doc = _parse(text)
    assert text.startswith("<!DOCTYPE html>") and doc.get("lang") == "en"
    assert doc.find(".//meta[@charset='utf-8']") is not None
    assert doc.find(".//script") is None and doc.find(".//link") is None and doc.find(".//img") is None
    assert not re.search(r"url\(|@import|src=|https?://(?!en\.wikipedia|www\.britannica)", text.split("</style>")[0])
    events = json.loads(run("on", "05-15", "--format", "json", bundled=MINI).stdout)
    assert [a.find("h3").text for a in doc.iter("article")] == [e["title"] for e in events]
    assert [a.find(".//time").get("datetime") for a in doc.iter("article")] == [e["date"] for e in events]


def test_headings_come_in_order(run):
    for args in (("on", "05-15"), ("timeline", "China", "USSR"), ("search", "treaty"), ("person", "gorbachev")):
        extra = ("--data", str(DATA / "people-mini.toml")) if args[0] == "person" else ()
        doc = _parse(_page(run, *extra, *args))
        levels = [int(el.tag[1]) for el in doc.iter() if isinstance(el.tag, str) and re.fullmatch(r"h[1-6]", el.tag)]
        assert levels[0] == 1 and levels.count(1) == 1, args
        assert all(b <= a + 1 for a, b in zip(levels, levels[1:])), (args, levels)


def test_every_date_is_a_time_element_bc_years_too(run):
    doc = _parse(_page(run, "on", "03-15"))
    assert [t.get("datetime") for t in doc.iter("time")] == ["-0044-03-15"]
    assert [t.text for t in doc.iter("time")] == ["15 March 44 BC"]


def test_timeline_page_has_axis_density_and_cards(run):
    text = _page(run, "timeline", "China", "USSR")
    doc = _parse(text)
    assert doc.find(".//h1").text.startswith("China (1949–) and Soviet Union (1922–1991): ")  # their years
    assert [h.text for h in doc.iter("h2")] == ["The story at a glance", "The events"]
    axis = doc.find(".//ol[@class='axis']")
    decades = [li.find("time").get("datetime") for li in axis if li.get("class") == "decade"]
    assert decades == sorted(decades) and decades[0] == "1940"
    cards = doc.findall(".//article")
    links = [a.get("href") for a in axis.iter("a")]
    assert links == ["#" + c.get("id") for c in cards]  # each event on the axis, in order, to its card
    bars = doc.find(".//div[@class='density']")
    assert sum(int(d.find("span").text or 0) for d in bars) == len(cards)
    assert 'class="density"' not in _page(run, "timeline", "China", "USSR", "--no-chart")


def test_corpus_text_is_escaped_as_text(run, tmp_path):
    f = tmp_path / "hostile.toml"
    f.write_text(HOSTILE_PAGE, encoding="utf-8")
    text = _page(run, "--data", str(f), "on", "05-15")
    doc = _parse(text)
    assert doc.find(".//script") is None and doc.find(".//b") is None
    assert "A <script>alert(1)</script> title </style> & more" in [h.text for h in doc.iter("h3")]
    hrefs = [a.get("href") for a in doc.iter("a")]
    assert "https://example.org/a?b=1&c=" in hrefs and not any(h.startswith("javascript") for h in hrefs)
    hostile = _page(run, "--data", str(DATA / "hostile.toml"), "on", "05-15")
    assert "\x1b" not in hostile and "\x07" not in hostile


def test_search_and_export_pages(run, tmp_path):
    doc = _parse(_page(run, "search", "treaty"))
    found = json.loads(run("search", "treaty", "--format", "json", bundled=MINI).stdout)
    assert [a.find("h3").text for a in doc.iter("article")] == [e["title"] for e in found] and found
    out = tmp_path / "handout.html"
    result = run("export", "--format", "html", "--country", "Japan", "-o", str(out), bundled=MINI)
    assert result.exit_code == 0 and result.stderr == f"wrote {out}\n"
    doc = _parse(out.read_text(encoding="utf-8"))
    japan = json.loads(run("export", "--format", "json", "--country", "Japan", bundled=MINI).stdout)
    assert doc.find(".//h1").text == f"almanac: {len(japan)} events"
    assert [a.find("h3").text for a in doc.iter("article")] == [e["title"] for e in japan]
    again = run("export", "--format", "html", "-o", str(out), bundled=MINI)
    assert again.exit_code == 2 and "exists" in again.stderr  # never replaced without --force


def test_print_stylesheet_keeps_cards_whole_and_prints_links(run):
    style = _page(run, "on", "05-15").split("<style>", 1)[1].split("</style>", 1)[0]
    printed = style.split("@media print", 1)[1]
    assert "break-inside: avoid" in printed and 'attr(href)' in printed and "print-color-adjust: exact" in printed


# --- in a real browser -----------------------------------------------------------------------------

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
REQUIRED = os.environ.get("ALMANAC_REQUIRE_BROWSER") == "1"


def _browser():
    if CHROMIUM is None:
        if REQUIRED:
            pytest.fail("ALMANAC_REQUIRE_BROWSER=1 but no chromium on PATH (apt-get install chromium)")
        pytest.skip("no chromium on PATH: the HTML pages were not rendered in a browser "
                    "(install Debian's chromium; CI sets ALMANAC_REQUIRE_BROWSER=1)")
    return CHROMIUM


def chromium(tmp_path, *args: str) -> subprocess.CompletedProcess:
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={tmp_path / 'profile'}"]
    return subprocess.run([_browser(), *flags, *args], capture_output=True, text=True, timeout=120)


def _png_pixels(path) -> bytes:
    """The PNG's decompressed image data (filter bytes included): enough to tell a blank page."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    out, at = b"", 8
    while at < len(data):
        n = int.from_bytes(data[at:at + 4], "big")
        if data[at + 4:at + 8] == b"IDAT":
            out += data[at + 8:at + 8 + n]
        at += 12 + n
    return zlib.decompress(out)


@pytest.mark.slow
@pytest.mark.parametrize("args, expected", [
    (("on", "05-15"), ["On 15 May: 2 events in history", "The United States returns Okinawa to Japan"]),
    (("timeline", "China", "USSR"), ["The story at a glance", "The events", "14 February 1950"]),
])
def test_pages_render_in_chromium(run, tmp_path, args, expected):
    page = tmp_path / "page.html"
    page.write_text(_page(run, *args), encoding="utf-8")
    dom = chromium(tmp_path, "--dump-dom", page.as_uri())
    assert dom.returncode == 0, dom.stderr[-500:]
    for text in expected:
        assert text in dom.stdout
    assert dom.stdout.count("<article") == _page(run, *args).count("<article")
    shot = tmp_path / "page.png"
    result = chromium(tmp_path, f"--screenshot={shot}", "--window-size=1000,1400", page.as_uri())
    assert result.returncode == 0 and shot.exists(), result.stderr[-500:]
    pixels = _png_pixels(shot)
    assert len(set(pixels)) > 16  # text and rules on the page, not one flat colour
    pdf = tmp_path / "page.pdf"
    result = chromium(tmp_path, f"--print-to-pdf={pdf}", "--no-pdf-header-footer", page.as_uri())
    assert result.returncode == 0 and pdf.exists(), result.stderr[-500:]
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf.read_bytes()))
    assert 1 <= pages <= 4, pages
