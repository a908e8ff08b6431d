"""A page for the class: one self-contained HTML5 file (inline CSS, no script, nothing fetched), to
project, print and hand out.

Every piece of corpus text goes through ``html.escape`` (the standard library's escaper) as text, so a
title holding ``<script>`` or ``</style>`` shows as those characters. Links are made only from
``http``/``https`` addresses found in a source, and written as escaped attribute values. Dates carry
``<time datetime>`` in ISO 8601 (years before 1 AD in its expanded form, ``-0044-03-15``).
"""

from __future__ import annotations

import re
from html import escape

from .view import Card, Page, PersonLine

_URL = re.compile(r"https?://[^\s<>\"']+")

CSS = """
:root { --ink: #1a1a1a; --muted: #4a4a4a; --rule: #767676; --accent: #0b4f8a; --paper: #ffffff;
        --soft: #eef3f8; --bar: #0b4f8a; }
* { box-sizing: border-box; }
html { font-size: 100%; }
body { margin: 0 auto; max-width: 46rem; padding: 1.5rem 1rem 3rem; color: var(--ink);
       background: var(--paper); font: 1rem/1.55 Georgia, "Times New Roman", serif; }
h1, h2, h3 { font-family: "Helvetica Neue", Arial, sans-serif; line-height: 1.25; }
h1 { font-size: 1.7rem; margin: 0 0 .4rem; }
h2 { font-size: 1.3rem; margin: 2rem 0 .6rem; border-bottom: 2px solid var(--rule); padding-bottom: .2rem; }
h3 { font-size: 1.1rem; margin: 0 0 .3rem; }
h4 { font-size: 1rem; margin: 1rem 0 .2rem; font-family: "Helvetica Neue", Arial, sans-serif; }
p.note { color: var(--muted); margin: .2rem 0; }
article { border: 1px solid var(--rule); border-left: .4rem solid var(--accent); border-radius: .3rem;
          padding: .8rem 1rem; margin: 1rem 0; break-inside: avoid; page-break-inside: avoid; }
.when { font-family: "Helvetica Neue", Arial, sans-serif; font-weight: bold; margin: 0; }
.ago { font-weight: normal; color: var(--muted); }
.countries { color: var(--muted); margin: 0 0 .5rem; font-style: italic; }
.fun { background: var(--soft); border: 1px dashed var(--rule); padding: .5rem .8rem; margin: .8rem 0; }
.fun strong { font-family: "Helvetica Neue", Arial, sans-serif; }
.sources { font-size: .9rem; color: var(--muted); }
.sources ul, .reading ul { margin: .2rem 0; padding-left: 1.2rem; }
a { color: var(--accent); overflow-wrap: anywhere; }
ul.people { list-style: none; padding: 0; }
ul.people li { margin: .2rem 0; }
ul.people time, ul.people .year { display: inline-block; min-width: 4.5rem; font-weight: bold; }
.density { display: flex; align-items: flex-end; gap: 1px; height: 7rem; margin: .5rem 0 0;
           border-bottom: 2px solid var(--ink); }
.density div { flex: 1 1 0; min-width: 0; display: flex; flex-direction: column; justify-content: flex-end;
               align-items: center; height: 100%; font: .7rem/1 "Helvetica Neue", Arial, sans-serif; }
.density span.bar { display: block; width: 100%; background: var(--bar); min-height: 1px; }
.density-labels { display: flex; justify-content: space-between; font: .8rem "Helvetica Neue", Arial, sans-serif;
                  color: var(--muted); }
.axis { position: relative; border-left: 3px solid var(--ink); margin: 1rem 0 1rem 5.5rem; padding: 0; }
.axis li { list-style: none; position: relative; margin: 0; padding: .15rem 0 .15rem 1rem; }
.axis li::before { content: ""; position: absolute; left: -.5rem; top: .6rem; width: .7rem; height: .7rem;
                   border-radius: 50%; background: var(--paper); border: 3px solid var(--accent); }
.axis li.decade { padding: .6rem 0 .2rem 1rem; font: bold .95rem "Helvetica Neue", Arial, sans-serif; }
.axis li.decade::before { border-radius: 0; width: 1.1rem; height: 3px; top: 1.1rem; left: -.6rem;
                          border: 0; background: var(--ink); }
.axis li.decade time { position: absolute; left: -5.6rem; width: 4.8rem; text-align: right; }
.axis .gap { display: block; }
footer { margin-top: 2rem; font-size: .85rem; color: var(--muted); border-top: 1px solid var(--rule); }
@media (max-width: 40rem) {  /* a phone, or 200% zoom: numbers of neighbouring decades must not run together */
  .density div { font-size: .55rem; }
  .axis { margin-left: 4.5rem; }
  .axis li.decade time { left: -4.6rem; width: 3.9rem; }
}
@media print {
  @page { margin: 15mm; }
  body { max-width: none; padding: 0; font-size: 11pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  article, .density, .density-labels, ul.people li, .axis li { break-inside: avoid; page-break-inside: avoid; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  a { color: var(--ink); text-decoration: none; }
  a[href]::after { content: " <" attr(href) ">"; font-size: .85em; overflow-wrap: anywhere; }
}
"""


def _time(iso: str, text: str) -> str:
    return f'<time datetime="{escape(iso)}">{escape(text)}</time>'


def _when(c: Card) -> str:
    """'15 May 1989 – 18 May 1989' with both ends as <time>, however the view wrote it."""
    if c.end and " – " in c.when:
        first, last = c.when.split(" – ", 1)
        return f"{_time(c.date, first)} – {_time(c.end, last)}"
    return _time(c.date, c.when)


def _linked(source: str) -> str:
    """A citation with its web address (if any) as a link; everything else as text."""
    out, at = [], 0
    for m in _URL.finditer(source):
        url = m.group().rstrip(".,;")
        out.append(escape(source[at:m.start()]))
        out.append(f'<a href="{escape(url, quote=True)}">{escape(url)}</a>')
        at = m.start() + len(url)
    out.append(escape(source[at:]))
    return "".join(out)


def _paras(text: str) -> str:
    return "".join(f"<p>{escape(p)}</p>" for p in text.split("\n") if p.strip())


def card(c: Card, level: int = 3) -> str:
    h, sub = f"h{level}", f"h{level + 1}"
    parts = [f'<article><p class="when">{_when(c)} <span class="ago">· {escape(c.ago)}</span></p>',
             f"<{h}>{escape(c.title)}</{h}>"]
    if c.countries:
        parts.append(f'<p class="countries">{escape(c.countries)}</p>')
    parts.append(_paras(c.summary))
    for heading, body in c.sections:
        parts.append(f"<{sub}>{escape(heading)}</{sub}>{_paras(body)}")
    if c.fun_fact:
        parts.append(f'<div class="fun"><p><strong>Fun fact.</strong> {escape(c.fun_fact)}</p></div>')
    if c.reading:
        items = "".join(f"<li>{escape(r)}</li>" for r in c.reading)
        parts.append(f'<div class="reading"><{sub}>Further reading</{sub}><ul>{items}</ul></div>')
    if c.sources:
        items = "".join(f"<li>{_linked(s)}</li>" for s in c.sources)
        parts.append(f'<div class="sources"><{sub}>Sources</{sub}><ul>{items}</ul></div>')
    return "".join(parts) + "</article>\n"


def _people(title: str, rows: tuple[PersonLine, ...]) -> str:
    items = "".join(f"<li>{_time(r.date, r.year) if r.date else f'<span class=year>{escape(r.year)}</span>'} "
                    f"{escape(r.text)}</li>" for r in rows)
    return f'<section><h2>{escape(title)}</h2><ul class="people">{items}</ul></section>\n'


def _decade_iso(label: str) -> str:
    """'1950s' -> '1950'; '40s BC' -> '-0049' (the first year of that decade, 49 BC, in ISO's count)."""
    m = re.match(r"(\d+)s( BC)?", label)
    if not m:
        return ""
    year = int(m.group(1))
    return f"-{year + 9:04d}" if m.group(2) else f"{year:04d}"


def density(counts: tuple[tuple[int, int], ...]) -> str:
    """The decades as a strip of bars, each with its number printed: the shape of the story at a glance."""
    if not counts:
        return ""
    top = max(n for _, n in counts) or 1

    def label(d: int) -> str:
        return f"{-d}s BC" if d < 0 else f"{d}s"

    cells = "".join(f'<div title="{escape(label(d))}: {n}"><span>{n if n else ""}</span>'
                    f'<span class="bar" style="height:{round(n / top * 85)}%"></span></div>' for d, n in counts)
    busiest = max(counts, key=lambda t: t[1])
    return (f'<figure><figcaption>Events per decade, from the {escape(label(counts[0][0]))} to the '
            f'{escape(label(counts[-1][0]))}; most in the {escape(label(busiest[0]))} ({busiest[1]})</figcaption>'
            f'<div class="density" role="img" aria-label="Events per decade">{cells}</div>'
            f'<div class="density-labels"><span>{escape(label(counts[0][0]))}</span>'
            f'<span>{escape(label(counts[-1][0]))}</span></div></figure>\n')


def _axis(decades) -> str:
    """A vertical time axis: a mark for each decade, each event on it by its date, in order."""
    items = []
    for label, cs in decades:
        items.append(f'<li class="decade">{_time(_decade_iso(label), label)} · {len(cs)}</li>')
        items += [f'<li><a href="#e{n}-{escape(c.date)}">{_when(c)}</a> {escape(c.title)}</li>' for n, c in cs]
    return f'<ol class="axis" aria-label="Time axis">{"".join(items)}</ol>\n'


def page(p: Page, title: str) -> str:
    """The whole document: head with the inline stylesheet, then the page's headings, cards and lists."""
    body = [f"<header><h1>{escape(p.heading)}</h1>"]
    body += [f'<p class="note">{escape(n)}</p>' for n in p.notes]
    body.append("</header>\n<main>\n")
    for group, cs in p.groups:
        if not cs:
            continue
        # Headings in order: the page's h1, a section's h2 (the day's own group is "Events"), a card's h3.
        body.append(f"<section><h2>{escape(group or 'Events')}</h2>\n")
        body += [card(c, 3) for c in cs]
        body.append("</section>\n")
    if p.kind == "timeline":
        # Every card numbered once, in order: the axis links to the card's anchor.
        numbers = iter(range(sum(len(cs) for _, cs in p.decades)))
        numbered = [(label, [(next(numbers), c) for c in cs]) for label, cs in p.decades]
        if p.counts:
            body.append("<section><h2>The story at a glance</h2>\n" + density(p.counts))
            body.append(_axis(numbered) + "</section>\n")
        body.append("<section><h2>The events</h2>\n")
        body += [card(c, 3).replace("<article>", f'<article id="e{n}-{escape(c.date)}">', 1)
                 for _, cs in numbered for n, c in cs]
        body.append("</section>\n")
    for heading, rows in p.people:
        if rows:
            body.append(_people(heading, rows))
    body.append("</main>\n<footer><p>Made with almanac from its sourced corpus; every entry names its "
                "sources.</p></footer>\n")
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            f"<title>{escape(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
            + "".join(body) + "</body>\n</html>\n")
