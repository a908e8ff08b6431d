"""The command line's vocabulary, declared once: the formats each command has, and the options that
several commands share, as ``Annotated`` aliases (Typer reads them; a command names only the alias)."""

from enum import Enum
from typing import Annotated, Optional

import typer

from .complete import candidates


class Format(str, Enum):
    cards = "cards"
    brief = "brief"
    json = "json"
    html = "html"


class StatsFormat(str, Enum):
    """The formats ``stats`` has: a summary or JSON."""

    cards = "cards"
    json = "json"


class TableFormat(str, Enum):
    """The formats ``countries`` has: a table or JSON."""

    brief = "brief"
    json = "json"


class Kind(str, Enum):
    all = "all"
    events = "events"
    births = "births"
    deaths = "deaths"


KIND_HELP = "What to show: all (default), events, births or deaths."


NO_PAGER_HELP = "Never page long output (it is paged only on a terminal, when taller than the screen)."


def complete_country(incomplete: str) -> list[str]:
    """Shell completion for country arguments (``complete.candidates``): names and aliases that start with
    what was typed. Completion never builds an index."""
    return candidates(incomplete)


FORMAT_HELP = ("cards (default; plain text when piped or NO_COLOR is set), brief (one line per event), json, "
               "or html (one self-contained page to print or project).")
DAY_FORMAT_HELP = FORMAT_HELP + " A year or a month: brief by default."


CountryOpt = Annotated[list[str], typer.Option(
    "--country", "-c", metavar="COUNTRY", autocompletion=lambda incomplete: complete_country(incomplete),
    help="Only what involves this country (and the states before and after it); repeat it: all must be involved.")]
StrictOpt = Annotated[bool, typer.Option("--strict", help="With --country: only the states named, not their "
                                                          "predecessors or successors.")]
NoPagerOpt = Annotated[bool, typer.Option("--no-pager", help=NO_PAGER_HELP)]
KindOpt = Annotated[Kind, typer.Option("--kind", "-k", help=KIND_HELP)]
DaysOpt = Annotated[int, typer.Option("--days", metavar="N", help="N days from DATE (today and the N-1 after it).")]
AheadOpt = Annotated[int, typer.Option("--ahead", "-A", metavar="N", help="Also the N days after, as calendar -A.")]
BehindOpt = Annotated[int, typer.Option("--behind", "-B", metavar="N", help="Also the N days before, as calendar -B.")]
FromOpt = Annotated[Optional[int], typer.Option("--from", metavar="YEAR", help="First year (negative for BC).")]
ToOpt = Annotated[Optional[int], typer.Option("--to", metavar="YEAR", help="Last year.")]


class Sort(str, Enum):
    relevance = "relevance"
    date = "date"


class ExportKind(str, Enum):
    events = "events"
    people = "people"
    all = "all"


class ExportFormat(str, Enum):
    json = "json"
    csv = "csv"
    ics = "ics"
    markdown = "markdown"
    html = "html"


class CalendarKind(str, Enum):
    calendar = "calendar"
    pal = "pal"


def _format(kind, help: str):
    return Annotated[kind, typer.Option("--format", "-f", help=help)]


DayFormatOpt = _format(Optional[Format], DAY_FORMAT_HELP)  # None: cards for a day, brief for a year
FormatOpt = _format(Format, FORMAT_HELP)
SearchFormatOpt = _format(Format, "brief (default), cards, json or html.")
StatsFormatOpt = _format(StatsFormat, "cards (a summary) or json.")
TableFormatOpt = _format(TableFormat, "brief (a table, the default) or json.")
ExportFormatOpt = _format(ExportFormat, "json, csv, ics (iCalendar), markdown or html (a page to print).")
ForceOpt = Annotated[bool, typer.Option("--force", help="Replace the output file if it exists.")]
