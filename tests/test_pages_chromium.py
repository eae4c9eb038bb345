"""The printable pages in a real browser: the HTML debrief (and, as they come, the class
report and the handouts) rendered by headless Chromium (Debian's `chromium`, which
.ci/chromium installs), from files on disk, with nothing from the network.

Each page is rendered three ways with Chromium's own command line: its DOM after
rendering (`--dump-dom`: the charts' <svg> elements are there, with their lines and
bars), a screenshot (`--screenshot`: decoded here, it is not blank and has the charts'
blue ink in it) and a print to PDF (`--print-to-pdf`: the summary alone fills one A4
page). The screenshots are kept in $CORRIDORS_TEST_SHOTS if it is set, else in the
test's folder. Outside CI a machine without Chromium skips these tests and says why; in
CI that skip fails the run (tests/conftest.py).
"""

from __future__ import annotations

import os
import re
import struct
import subprocess
import zlib
from pathlib import Path

import pytest
from browser import find_chromium
from classgames import make_class

from game.classroom.report import class_view
from game.present.classreport import render_report
from game.present.export import render
from game.present.handouts import handout_pages
from game.scenario import registry
from game.session import Session

CHROMIUM = find_chromium()
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="no Chromium here: `bash .ci/chromium` installs Debian's package (as root)"
)
FLAGS = (
    "--headless",
    "--no-sandbox",  # the tests run as root in CI
    "--disable-gpu",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--hide-scrollbars",
    "--mute-audio",
    "--host-resolver-rules=MAP * ~NOTFOUND",  # a page that reached out would find nothing
)
MAIN_INK = (0x0B, 0x3D, 0x91)  # game.present.svg.MAIN: this game's line, its diamond
FAINT_INK = (0x8A, 0x8F, 0x98)  # game.present.svg.FAINT: each game of a class


def chromium(tmp: Path, *args: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    profile = tmp / "profile"
    profile.mkdir(exist_ok=True)
    return subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True, text=True, timeout=180, check=False,
    )


def shots_dir(tmp: Path) -> Path:
    out = Path(os.environ.get("CORRIDORS_TEST_SHOTS") or tmp)
    out.mkdir(parents=True, exist_ok=True)
    return out


def png_pixels(path: Path) -> tuple[int, int, list[tuple[int, int, int]]]:
    """Width, height and every pixel (RGB) of an 8-bit RGB or RGBA PNG (what Chromium
    writes), decoded here so that the test needs no imaging library."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat = 8, b""
    width = height = depth = ctype = 0
    while pos < len(data):
        (n,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + n]
        if kind == b"IHDR":
            width, height, depth, ctype = struct.unpack(">IIBB", body[:10])
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    assert depth == 8 and ctype in (2, 6), (depth, ctype)
    bpp = 3 if ctype == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * bpp
    rows: list[bytearray] = []
    prev = bytearray(stride)
    for y in range(height):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(line)
        prev = line
    pixels = [(r[i], r[i + 1], r[i + 2]) for r in rows for i in range(0, stride, bpp)]
    return width, height, pixels


def near(p: tuple[int, int, int], q: tuple[int, int, int], tol: int = 40) -> bool:
    return all(abs(a - b) <= tol for a, b in zip(p, q, strict=True))


def pdf_pages(path: Path) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", path.read_bytes()))


def check_page(
    tmp: Path, page: Path, name: str, *, min_svgs: int, height: int = 2400, ink: tuple[int, int, int] = MAIN_INK
) -> tuple[str, list[tuple[int, int, int]]]:
    """The page's DOM after rendering and a screenshot of it (kept as NAME.png);
    checks what every page must show. Returns the DOM and the screenshot's pixels."""
    dom = chromium(tmp, "--dump-dom", page.as_uri())
    assert dom.returncode == 0, dom.stderr[-2000:]
    svgs = re.findall(r"<svg\b", dom.stdout)
    assert len(svgs) >= min_svgs, (len(svgs), min_svgs)
    assert "<script" not in dom.stdout
    shot = shots_dir(tmp) / f"{name}.png"
    r = chromium(tmp, f"--window-size=1280,{height}", f"--screenshot={shot}", page.as_uri())
    assert r.returncode == 0 and shot.is_file(), r.stderr[-2000:]
    w, h, px = png_pixels(shot)
    assert (w, h) == (1280, height)
    inked = sum(1 for p in px if sum(p) < 600)
    assert inked > 0.01 * len(px), f"{shot} is (nearly) blank: {inked} of {len(px)} pixels inked"
    assert sum(1 for p in px if near(p, ink, 24)) > 200, f"{shot}: no chart ink {ink} in it"
    return dom.stdout, px


@pytest.fixture(scope="module")
def finished() -> Session:
    s = Session.new("aleppo-2016", seed=7, autosave=False)
    while not s.finished:
        s.advance()
    return s


@needs_chromium
def test_the_html_debrief_renders_with_its_charts(tmp_path: Path, finished: Session) -> None:
    debrief = finished.finish()
    page = tmp_path / "debrief.html"
    page.write_text(render(debrief, finished.alternatives(40), "html"), encoding="utf-8")
    dom, _ = check_page(tmp_path, page, "debrief", min_svgs=12)
    # the one-page summary has its charts, the full debrief the week by week
    summary = dom[dom.index('<section id="summary"') : dom.index('<section id="full"')]
    assert summary.count("<svg") >= 4 and "<polyline" in summary
    week = dom[dom.index('<section id="week-by-week"') :]
    assert week.count('class="record"') >= 5  # the record's ranges, hatched
    assert 'class="hist"' in dom  # the alternative histories' histogram
    # printed: the summary is one page, and the full debrief follows it
    pdf = tmp_path / "debrief.pdf"
    r = chromium(tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri())
    assert r.returncode == 0 and pdf.is_file(), r.stderr[-2000:]
    whole = pdf_pages(pdf)
    text = page.read_text(encoding="utf-8")
    cut = text.index('<section id="full"')
    alone = tmp_path / "summary.html"
    alone.write_text(text[:cut] + "</body></html>", encoding="utf-8")
    pdf1 = tmp_path / "summary.pdf"
    r = chromium(tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf1}", alone.as_uri())
    assert r.returncode == 0, r.stderr[-2000:]
    assert pdf_pages(pdf1) == 1
    assert whole > 2


@needs_chromium
def test_the_class_report_renders_with_its_charts(tmp_path: Path) -> None:
    store = tmp_path / "results.sqlite"
    klass = make_class(store, 4)
    page = tmp_path / "class-report.html"
    page.write_text(render_report(class_view(str(store), klass.code, runs=40), "html"), encoding="utf-8")
    dom, _ = check_page(tmp_path, page, "class-report", min_svgs=6, height=3000, ink=FAINT_INK)
    assert 'class="projector"' in dom
    spread = dom[dom.index('<section id="spread"') :]
    assert spread.count('<circle class="game"') >= 4 * 10  # a dot for each game, for each measure
    week = dom[dom.index('<section id="week-by-week"') : dom.index('<section id="spread"')]
    assert week.count('<polyline class="series"') >= 5 * 5  # four games and the median, five charts


@needs_chromium
def test_the_handouts_render(tmp_path: Path) -> None:
    pages = handout_pages(registry.get("aleppo-2016"))
    for name in ("map.html", "role-household.html", "timeline.html"):
        (tmp_path / name).write_text(pages[name], encoding="utf-8")
    dom, _ = check_page(tmp_path, tmp_path / "map.html", "handout-map", min_svgs=1, height=1400, ink=(0x11, 0x11, 0x11))
    assert dom.count('class="route"') >= 4 and "Schematic" in dom
    for name in ("role-household.html", "timeline.html"):
        r = chromium(tmp_path, "--dump-dom", (tmp_path / name).as_uri())
        assert r.returncode == 0 and "<h1>" in r.stdout, r.stderr[-2000:]
        shot = shots_dir(tmp_path) / f"handout-{name.removesuffix('.html')}.png"
        r = chromium(tmp_path, "--window-size=1000,1400", f"--screenshot={shot}", (tmp_path / name).as_uri())
        assert r.returncode == 0 and shot.is_file()
