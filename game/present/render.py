"""Documents as text: plain text (the line mode and .txt), Markdown and a self-contained
HTML page. Pure functions of a `Document`.

Charts are pictures of numbers the document also gives in words: HTML draws them as
inline SVG (`game.present.svg`), the text formats leave them out. Every string in a document is plain text: HTML escapes it, Markdown escapes what it
would read as markup, plain text prints it as written; control characters are replaced
in all three, so no escape code reaches a terminal or a file.
"""

from __future__ import annotations

import html
import re

from game.present.doc import (
    Block,
    Chart,
    Claims,
    Document,
    Heading,
    Items,
    Map,
    Paragraph,
    Spans,
    Table,
)
from game.present.svg import svg
from game.present.svgmap import map_svg

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean(text: str) -> str:
    """Text as written, without control characters."""
    return _CONTROL.sub("?", text)


def _flat(sp: Spans) -> str:
    return clean("".join(s.text for s in sp))


# ---------------------------------------------------------------------------- plain text


def _text_table(t: Table, out: list[str], indent: str) -> None:
    for row in t.rows:
        rest = [f"{clean(h)}: {clean(c.text)}" for h, c in zip(t.header[1:], row[1:], strict=True) if c.text]
        out.append(f"{indent}- {clean(row[0].text)}: " + "; ".join(rest) + ".")


def to_text(doc: Document, *, compact: bool = False) -> str:
    """Plain text. `compact` (the line mode): headings as single lines, lists indented."""
    out: list[str] = []
    ind = "  " if compact else ""
    if compact:
        out.append(clean(doc.title) + ("" if doc.title.endswith((".", ":")) else "."))
    else:
        out += [clean(doc.title), "=" * min(78, len(doc.title)), ""]
    for b in doc.blocks:
        _text_block(b, out, compact, ind)
    return "\n".join(line.rstrip() for line in out).strip("\n") + "\n"


def _text_block(b: Block, out: list[str], compact: bool, ind: str) -> None:
    if isinstance(b, Heading):
        if compact:
            out.append(clean(b.text) + ":")
        elif b.level == 1:
            out += [clean(b.text), "-" * min(78, len(b.text))]
        else:
            out += [clean(b.text) + ":"]
    elif isinstance(b, Paragraph):
        out.append((ind if compact else "") + _flat(b.spans))
        if not compact:
            out.append("")
    elif isinstance(b, Items):
        for i, item in enumerate(b.items):
            mark = f"{i + 1}." if b.ordered else "-"
            out.append(f"{ind}{mark} {_flat(item)}")
        if not compact:
            out.append("")
    elif isinstance(b, Table):
        if b.title:
            out.append(clean(b.title) + ":")
        _text_table(b, out, ind)
        if not compact:
            out.append("")
    elif isinstance(b, Claims):
        out.append(ind + clean(b.title))
        for t in b.topics:
            out.append(f"{ind}  {clean(t.title)}" if compact else clean(t.title))
            out += [f"{ind}    - {clean(c.line())}" if compact else f"- {clean(c.line())}" for c in t.claims]
        if not compact:
            out.append("")


# ---------------------------------------------------------------------------- Markdown


def md_escape(text: str, *, cell: bool = False) -> str:
    """Plain text in Markdown: characters Markdown would read as markup are escaped. In a
    table `cell` a line start cannot open a heading or a list, so it needs no escape."""
    text = re.sub(r"([\\`*_\[\]<>|~&])", r"\\\1", clean(text))
    if cell:
        return text
    text = re.sub(r"^([#+=-])", r"\\\1", text)
    return re.sub(r"^(\d+)([.)])", r"\1\\\2", text)


def _md_spans(sp: Spans) -> str:
    out: list[str] = []
    for s in sp:
        t = md_escape(s.text) if not out else md_escape(s.text, cell=True)
        if s.style == "strong" and t.strip():
            t = f"**{t}**"
        elif s.style == "em" and t.strip():
            t = f"*{t}*"
        out.append(t)
    return "".join(out)


def to_markdown(doc: Document) -> str:
    out: list[str] = [f"# {md_escape(doc.title)}", ""]
    for b in doc.blocks:
        if isinstance(b, Heading):
            out += [f"{'#' * (b.level + 1)} {md_escape(b.text)}", ""]
        elif isinstance(b, Paragraph):
            out += [_md_spans(b.spans), ""]
        elif isinstance(b, Items):
            for i, item in enumerate(b.items):
                mark = f"{i + 1}." if b.ordered else "-"
                out.append(f"{mark} {_md_spans(item)}")
            out.append("")
        elif isinstance(b, Table):
            if b.title:
                out += [md_escape(b.title), ""]
            out.append("| " + " | ".join(md_escape(h, cell=True) for h in b.header) + " |")
            out.append("|" + "".join("---:|" if i < len(b.numeric) and b.numeric[i] else "---|" for i in range(len(b.header))))
            for row in b.rows:
                out.append("| " + " | ".join(md_escape(c.text, cell=True) for c in row) + " |")
            out.append("")
        elif isinstance(b, Claims):
            out += [md_escape(b.title), ""]
            for t in b.topics:
                out.append(f"- **{md_escape(t.title, cell=True)}**")
                out += [f"  - {md_escape(c.line(), cell=True)}" for c in t.claims]
            out.append("")
    return "\n".join(out).rstrip() + "\n"


# ---------------------------------------------------------------------------- HTML

_CSS = """
body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem;
       line-height: 1.5; color: #111; background: #fff; }
table { border-collapse: collapse; margin: 1rem 0; }
th, td { border: 1px solid #555; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
td.n { text-align: right; }
th { background: #eee; }
p.note { font-style: italic; }
dl.meta { display: flex; flex-wrap: wrap; gap: 0.2rem 1.5rem; margin: 0 0 1rem; }
dl.meta div { display: flex; gap: 0.4rem; }
dl.meta dt { font-weight: 600; }
dl.meta dd { margin: 0; }
div.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(26rem, 1fr)); gap: 0.8rem 1.2rem; }
figure.chart { margin: 0.6rem 0; break-inside: avoid; }
figure.chart svg { width: 100%; height: auto; display: block; }
figure.chart.wide { grid-column: 1 / -1; max-width: 46rem; }
figure.map { margin: 0.6rem 0; break-inside: avoid; }
figure.map svg { width: 100%; height: auto; display: block; }
body.handout h1 { margin-bottom: 0.3rem; }
body.handout dl.cardlist dt { font-weight: 600; margin-top: 0.4rem; }
section.summary { border-bottom: 2px solid #111; padding-bottom: 1rem; margin-bottom: 1.5rem; }
body.projector { max-width: 92rem; font-size: 1.45rem; line-height: 1.45; }
body.projector div.charts { grid-template-columns: repeat(auto-fill, minmax(36rem, 1fr)); }
body.projector figure.chart.wide { max-width: 72rem; }
body.handout { max-width: 48rem; }
@media print {
  @page { size: A4; margin: 10mm 12mm; }
  body, body.projector { max-width: none; margin: 0; padding: 0; font-size: 10pt; line-height: 1.35; }
  h1 { font-size: 16pt; margin: 0 0 4pt; }
  h2 { font-size: 13pt; break-after: avoid; }
  h3 { font-size: 11pt; break-after: avoid; }
  table { font-size: 9pt; margin: 4pt 0; }
  th, td { padding: 1pt 4pt; }
  tr, li { break-inside: avoid; }
  section.summary { break-after: page; border: none; margin: 0; padding: 0; }
  section.summary div.charts { grid-template-columns: 1fr 1fr; gap: 2pt 8pt; }
  section.summary figure.chart { margin: 0; }
  section.summary ul { margin: 2pt 0; padding-left: 14pt; }
  section.summary table { font-size: 8pt; margin: 2pt 0; }
  section.summary p { margin: 2pt 0; }
  section.summary h2 { margin: 4pt 0 2pt; }
  section.summary h3 { margin: 3pt 0 1pt; }
  dl.meta { margin: 0 0 4pt; }
  section.page { break-after: page; }
  div.charts { grid-template-columns: 1fr 1fr; }
}
"""


def _html_chart(b: Chart) -> str:
    ident = f' id="{html.escape(_anchor(b.id))}"' if b.id else ""
    cls = "chart wide" if b.wide else "chart"
    return f'<figure class="{cls}"{ident}>{svg(b)}</figure>'


def _anchor(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "-", text)


def _html_spans(sp: Spans) -> str:
    e = html.escape
    out = []
    for s in sp:
        t = e(clean(s.text))
        if s.style == "strong":
            t = f"<strong>{t}</strong>"
        elif s.style == "em":
            t = f"<em>{t}</em>"
        out.append(t)
    return "".join(out)


def to_html(doc: Document, *, style: str = "") -> str:
    """A self-contained page: every chart inline SVG, no script, nothing from the
    network. Each level-1 section is a <section> (the "summary" one ends the first
    printed page; `page` sections end theirs); `style` is the body's class
    ("projector": large type for a class on a wall; "handout")."""
    e = html.escape
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(clean(doc.title))}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        f'<body class="{e(style)}">' if style else "<body>",
        f"<h1>{e(clean(doc.title))}</h1>",
    ]
    if doc.meta:
        out.append(
            '<dl class="meta">'
            + "".join(f"<div><dt>{e(clean(k))}:</dt><dd>{e(clean(v))}</dd></div>" for k, v in doc.meta)
            + "</dl>"
        )
    for head, blocks in doc.sections():
        if head is not None:
            cls = "summary" if head.id == "summary" else "page" if head.id.startswith("page:") else ""
            attrs = (f' id="{e(_anchor(head.id))}"' if head.id else "") + (f' class="{cls}"' if cls else "")
            out.append(f"<section{attrs}>")
            out.append(f"<h2>{e(clean(head.text))}</h2>")
        charts: list[Chart] = []
        for b in blocks:
            if isinstance(b, Chart):
                charts.append(b)
                continue
            if charts:
                out.append('<div class="charts">' + "".join(_html_chart(c) for c in charts) + "</div>")
                charts = []
            _html_block(b, out)
        if charts:
            out.append('<div class="charts">' + "".join(_html_chart(c) for c in charts) + "</div>")
        if head is not None:
            out.append("</section>")
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"


def _html_block(b: Block, out: list[str]) -> None:
    e = html.escape
    if isinstance(b, Heading):
        tag = f"h{min(6, b.level + 1)}"
        out.append(f"<{tag}>{e(clean(b.text))}</{tag}>")
    elif isinstance(b, Paragraph):
        out.append(f'<p class="note">{_html_spans(b.spans)}</p>' if b.note else f"<p>{_html_spans(b.spans)}</p>")
    elif isinstance(b, Items):
        tag = "ol" if b.ordered else "ul"
        out.append(f"<{tag}>" + "".join(f"<li>{_html_spans(i)}</li>" for i in b.items) + f"</{tag}>")
    elif isinstance(b, Table):
        out.append("<table>")
        if b.title:
            out.append(f"<caption>{e(clean(b.title))}</caption>")
        out.append("<tr>" + "".join(f'<th scope="col">{e(clean(h))}</th>' for h in b.header) + "</tr>")
        for row in b.rows:
            cells = []
            for i, c in enumerate(row):
                cls = ' class="n"' if i < len(b.numeric) and b.numeric[i] else ""
                cells.append(f"<td{cls}>{e(clean(c.text))}</td>")
            out.append("<tr>" + "".join(cells) + "</tr>")
        out.append("</table>")
    elif isinstance(b, Claims):
        out.append(f"<p>{e(clean(b.title))}</p>")
        out.append(
            "<ul>"
            + "".join(
                f"<li><strong>{e(clean(t.title))}</strong><ul>"
                + "".join(f"<li>{e(clean(c.line()))}</li>" for c in t.claims)
                + "</ul></li>"
                for t in b.topics
            )
            + "</ul>"
        )
    elif isinstance(b, Chart):
        out.append('<div class="charts">' + _html_chart(b) + "</div>")
    elif isinstance(b, Map):
        out.append(f'<figure class="map">{map_svg(b)}</figure>')
