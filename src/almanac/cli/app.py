"""The commands: each parses its arguments, calls one library function and hands the result to a
renderer. Errors are turned into one line on stderr in one place (``AlmanacGroup.main``), with the exit
statuses of ``errors``.
"""

import sys
from pathlib import Path
from typing import Optional

import typer
from typer import _click as click  # Typer vendors Click; its exceptions are what the parser raises
from typer.core import TyperGroup

from .. import __version__
from ..env import Env
from ..errors import DataError, Exit
from ..text import plural
from . import commands
from .commands import GLOBAL_WITH_VALUE, State, completion_requested, fail, guarded, paged, show_days
from .lazy import lazy
from .options import (
    AheadOpt,
    BehindOpt,
    CalendarKind,
    CountryOpt,
    DayFormatOpt,
    DaysOpt,
    ExportFormat,
    ExportFormatOpt,
    ExportKind,
    ForceOpt,
    Format,
    FormatOpt,
    FromOpt,
    Kind,
    KindOpt,
    NoPagerOpt,
    SearchFormatOpt,
    Sort,
    StatsFormat,
    StatsFormatOpt,
    StrictOpt,
    TableFormat,
    TableFormatOpt,
    ToOpt,
    complete_country,
)

# The library, loaded when a command first uses it: --help and completion never pay for it.
query = lazy("almanac.query")
render = lazy("almanac.render")


class AlmanacGroup(TyperGroup):
    """Typer's group with one error boundary: a user mistake is one line on stderr, never a traceback."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        prog_name = prog_name or "almanac"

        def run():
            try:
                return super(AlmanacGroup, self).main(args=args, prog_name=prog_name, complete_var=complete_var,
                                                      standalone_mode=False, **extra)
            except click.exceptions.NoArgsIsHelpError as e:
                click.echo(e.ctx.get_help(), file=sys.stderr)
                return Exit.USAGE
            except click.exceptions.UsageError as e:
                hint = f" (see '{e.ctx.command_path} --help')" if e.ctx is not None else ""
                return fail(e.format_message().rstrip(".") + hint, Exit.USAGE)
            except click.exceptions.ClickException as e:
                return fail(e.format_message(), e.exit_code)
            except typer.Abort:
                return fail("aborted", 130)

        code = guarded(run)  # the rest (our errors, a closed pipe, Ctrl-C, a bug) as on the quick path
        if standalone_mode:
            sys.exit(code)
        return code


app = typer.Typer(
    cls=AlmanacGroup,
    name="almanac",
    help="What happened on this day in history: cards from a curated, sourced corpus.",
    rich_markup_mode=None,  # plain Click help: examples with [brackets] print as written, no Rich at start-up
    add_completion=True,
    pretty_exceptions_enable=False,
    no_args_is_help=False,  # 'almanac' alone shows today, as calendar(1) does
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _state(ctx: typer.Context) -> State:
    return ctx.obj


def _version(value: bool) -> None:
    if value:
        typer.echo(f"almanac {__version__}")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def main(
    ctx: typer.Context,
    data: list[Path] = typer.Option(
        [], "--data", "-d", metavar="FILE",
        help="A corpus file to read besides the bundled one (repeatable). ALMANAC_DATA adds more, "
             "separated by the path separator; *.toml in the user data folder are read too."),
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Print the version and exit."),
) -> None:
    """What happened on this day in history, in your terminal. With no command: today.

    \b
    Examples:
      almanac
      almanac today
      almanac on 1989-05-15
      almanac on "May 15" --format brief
      almanac timeline China USSR --from 1945 --to 1991
      almanac check my-events.toml
    """
    # Tests hand in an Env (frozen date, fixed width, temporary folders); streams are always the live ones.
    env = ctx.obj.with_streams(sys.stdout, sys.stderr) if isinstance(ctx.obj, Env) else Env.from_os()
    ctx.obj = State(env, [str(p) for p in data])
    if ctx.invoked_subcommand is None:  # plain 'almanac': today's cards
        show_days(ctx.obj, env.today, today=True)


@app.command(context_settings={"ignore_unknown_options": True})
def on(
    ctx: typer.Context,
    date: str = typer.Argument(..., metavar="DATE",
                               help="1989-05-15, 05-15, 'May 15', '15.05.1989', 1989, 'May 1989', tomorrow..."),
    fmt: DayFormatOpt = None,
    kind: KindOpt = Kind.all,
    days: DaysOpt = 1,
    ahead: AheadOpt = 0,
    behind: BehindOpt = 0,
    country: CountryOpt = [],  # noqa: B006 - Typer reads the default; it is never mutated
    strict: StrictOpt = False,
    julian: bool = typer.Option(False, "--julian", "--os", help="DATE is Old Style (Julian): convert it first."),
    no_pager: NoPagerOpt = False,
) -> None:
    """What happened on DATE (or in a year or a month), and who was born and died that day.

    With a year, the events of that exact date come first, then the same day in other years.
    Numbers that could be read two ways (05/06) are refused rather than guessed; 15.05.1989 and
    05/15/1989 are read because only one reading is possible. Old Style dates ('25 October 1917
    OS', or --julian) are converted to the Gregorian calendar first.

    \b
    Examples:
      almanac on 1989-05-15
      almanac on "15 May 1989"
      almanac on 05-15 --days 3
      almanac on 1989 --country china
      almanac on "May 1989" --format cards
      almanac on "25 October 1917 OS"
      almanac on 03-02 --kind births
    """
    commands.on(_state(ctx), date, julian, fmt=fmt and fmt.value, kind=kind.value, days=days, ahead=ahead,
                behind=behind, country=country, strict=strict, no_pager=no_pager)


@app.command()
def today(
    ctx: typer.Context,
    fmt: DayFormatOpt = None,
    kind: KindOpt = Kind.all,
    days: DaysOpt = 1,
    ahead: AheadOpt = 0,
    behind: BehindOpt = 0,
    country: CountryOpt = [],  # noqa: B006
    strict: StrictOpt = False,
    no_pager: NoPagerOpt = False,
) -> None:
    """What happened on today's date in history, and who was born and died that day.

    On 28 February of a common year, 29 February is shown too. A day with nothing recorded
    shows the nearest days that have events.

    \b
    Examples:
      almanac today
      almanac today --days 7
      almanac today --ahead 1 --format brief
      almanac today --country japan
      almanac today --kind deaths
    """
    state = _state(ctx)
    show_days(state, state.env.today, fmt and fmt.value, kind.value, days, ahead, behind, country, strict,
              no_pager, today=days == 1 and not ahead and not behind)


@app.command()
def week(
    ctx: typer.Context,
    fmt: DayFormatOpt = None,
    kind: KindOpt = Kind.all,
    country: CountryOpt = [],  # noqa: B006
    strict: StrictOpt = False,
    no_pager: NoPagerOpt = False,
) -> None:
    """Today and the six days after: the short form of 'almanac today --days 7'.

    \b
    Examples:
      almanac week
      almanac week --format brief --country russia
    """
    state = _state(ctx)
    show_days(state, state.env.today, fmt and fmt.value, kind.value, 7, 0, 0, country, strict, no_pager)


@app.command()
def person(
    ctx: typer.Context,
    name: list[str] = typer.Argument(..., metavar="NAME...", help="Any part of the name: gorbachev, 'sun yat'."),
    fmt: FormatOpt = Format.cards,
    no_pager: NoPagerOpt = False,
) -> None:
    """One person: born, died (or living), age, who they were, and every event that names them.

    Found by any part of the name, accents or not. When several people match, they are listed
    and nothing is picked for you (exit 2).

    \b
    Examples:
      almanac person gorbachev
      almanac person "zhou enlai" --format json
    """
    state = _state(ctx)
    store = state.store()
    view = query.person(store, " ".join(name))
    with paged(state.env, enabled=not no_pager and fmt not in (Format.json, Format.html)) as env:
        render.person(env, view, fmt.value, store.countries)


@app.command()
def timeline(
    ctx: typer.Context,
    countries: list[str] = typer.Argument(..., metavar="COUNTRY...", autocompletion=complete_country,
                                          help="One country for its story, two or more for what they share."),
    start: FromOpt = None,
    end: ToOpt = None,
    strict: bool = typer.Option(False, "--strict", help="Only these states, not their predecessors or successors."),
    fmt: FormatOpt = Format.cards,
    no_chart: bool = typer.Option(False, "--no-chart", help="Leave out the strip of events per decade."),
    no_pager: NoPagerOpt = False,
) -> None:
    """The story of one country, or of two or more together, through time, by decade.

    Names are matched loosely (ussr, 'Soviet Union', SU, PRC...). Unless --strict, a country
    includes the states before and after it: Russia includes the USSR and the Russian Empire.

    \b
    Examples:
      almanac timeline China USSR
      almanac timeline japan russia --from 1900 --to 1945
      almanac timeline PRC SU --strict --format brief
      almanac timeline china
      almanac timeline USA USSR Cuba
    """
    commands.timeline(_state(ctx), countries, start, end, strict, fmt.value, not no_chart, no_pager)


@app.command()
def check(
    ctx: typer.Context,
    files: list[Path] = typer.Argument(None, metavar="[FILE]...",
                                       help="Corpus files to check besides the bundled one."),
    strict: bool = typer.Option(False, "--strict", help="Also fail on unsorted files, events without sources, "
                                                         "and full cards missing a part."),
) -> None:
    """Validate the bundled corpus, your corpus files and the FILEs given.

    Lists every problem (file and line for TOML syntax; event id and field for the rest) and
    exits 1 if there is any.

    \b
    Examples:
      almanac check
      almanac check my-events.toml
      almanac check --strict
    """
    from ..checking import check_files

    state = _state(ctx)
    report = check_files(state.env, state.data, [str(f) for f in files or []], strict)
    state.env.out(report.text())
    if report.problems:
        raise typer.Exit(DataError.exit_code)


@app.command()
def stats(
    ctx: typer.Context,
    fmt: StatsFormatOpt = StatsFormat.cards,
    country: CountryOpt = [],  # noqa: B006
    strict: StrictOpt = False,
) -> None:
    """Numbers about the corpus: events, days covered, precision, centuries, countries, pairs.

    \b
    Examples:
      almanac stats
      almanac stats --format json
      almanac stats --country china
    """
    state = _state(ctx)
    store = state.store()
    render.stats(state.env, query.stats(store, country, strict), fmt.value)


@app.command(context_settings={"ignore_unknown_options": True, "allow_extra_args": True,
                                "help_option_names": []})
def greet(ctx: typer.Context) -> None:
    """A one-glance greeting for your shell's start-up: never slow, never in the way."""
    # Normally served by the lean path in __main__ (no Typer). Either way greet.run parses the options,
    # so --help, --count and --data mean the same on both paths.
    from .. import greet as greeting

    raise typer.Exit(greeting.run(list(ctx.args), _state(ctx).env, _state(ctx).data))


@app.command()
def search(
    ctx: typer.Context,
    text: list[str] = typer.Argument(..., metavar="TEXT...",
                                     help="Words to find in titles, summaries, people and tags."),
    country: CountryOpt = [],  # noqa: B006
    strict: StrictOpt = False,
    start: FromOpt = None,
    end: ToOpt = None,
    sort: Sort = typer.Option(Sort.relevance, "--sort", help="relevance (default) or date."),
    limit: int = typer.Option(50, "--limit", "-n", min=0, metavar="N",
                              help="Show at most N events (default 50; 0 for all); the count of all is shown."),
    fmt: SearchFormatOpt = Format.brief,
    no_pager: NoPagerOpt = False,
) -> None:
    """Full-text search: every word must match (as a word prefix), best matches first; people too.

    \b
    Examples:
      almanac search treaty
      almanac search "border agreement" --country China --sort date
      almanac search summit --from 1980 --to 1991 --format json
      almanac search gorbachev
    """
    commands.search(_state(ctx), text, country, strict, start, end, sort.value, limit, fmt.value, no_pager)


@app.command("random")
def random_(
    ctx: typer.Context,
    seed: Optional[int] = typer.Option(None, "--seed", help="The same seed gives the same card."),
    country: CountryOpt = [],  # noqa: B006
    strict: StrictOpt = False,
    fmt: FormatOpt = Format.cards,
) -> None:
    """One event at random, as a card.

    \b
    Examples:
      almanac random
      almanac random --seed 42
      almanac random --country Japan
    """
    state = _state(ctx)
    store = state.store()
    event = query.random_event(store, seed, country, strict)
    render.events(state.env, [event], fmt.value, store.countries, None)


@app.command()
def countries(
    ctx: typer.Context,
    pairs: bool = typer.Option(False, "--pairs", help="List pairs of countries by number of shared events."),
    fmt: TableFormatOpt = TableFormat.brief,
    no_pager: NoPagerOpt = False,
) -> None:
    """Every known country: code, name, aliases, years, predecessors and successors, number of events.

    \b
    Examples:
      almanac countries
      almanac countries --format json
      almanac countries --pairs
    """
    state = _state(ctx)
    store = state.store()
    rows = query.pairs(store) if pairs else query.countries(store)
    with paged(state.env, enabled=not no_pager and fmt is TableFormat.brief) as env:
        render.countries(env, rows, fmt.value, pairs)


@app.command()
def export(
    ctx: typer.Context,
    fmt: ExportFormatOpt = ...,
    output: Optional[Path] = typer.Option(None, "--output", "-o", metavar="FILE",
                                          help="Write to FILE instead of standard output."),
    force: ForceOpt = False,
    country: CountryOpt = [],  # noqa: B006
    strict: StrictOpt = False,
    start: FromOpt = None,
    end: ToOpt = None,
    kind: ExportKind = typer.Option(ExportKind.events, "--kind", "-k",
                                    help="events (default), people, or all (events, then people)."),
) -> None:
    """Export the corpus (or part of it) for calendar apps, spreadsheets, notes or scripts.

    ics: one yearly all-day event per event known to the day, for any calendar app.
    csv: one row per event, with a header. json: the same objects as --format json elsewhere.
    markdown: a readable document, one section per event.

    \b
    Examples:
      almanac export --format ics --country China --output china.ics
      almanac export --format csv --from 1900 --to 1999 > 20th-century.csv
      almanac export --format markdown --country Japan -o japan.md
      almanac export --format ics --kind people -o birthdays.ics
    """
    from ..export import export as render_export
    from ..export import ics_skipped

    state = _state(ctx)
    store = state.store()
    only = query.resolve_countries(store, country, strict, start, end)
    if kind is ExportKind.people:
        events = []
    else:
        events = only.select(store, start, end) if only else query.select(store, None, start, end)
    people = None
    if kind is not ExportKind.events:
        people = query.select_people(store, start, end)
        people = only.people(people) if only else people
    if fmt is ExportFormat.html:
        text = render.export_html(events, people, store.countries, state.env.today)
    else:
        text = render_export(events, fmt.value, store.countries, state.env.today, people=people)
    if fmt is ExportFormat.ics and (skipped := ics_skipped(events)):
        n = len(skipped)
        state.env.note(f"note: {plural(n, 'event')} known only to the year or month "
                       f"{'are' if n != 1 else 'is'} not in the calendar (it holds days)")
    _emit(state, text, output, force)


def _emit(state: State, text: str, output: Optional[Path], force: bool) -> None:
    if output is None or str(output) == "-":
        render.write(state.env, text)
        return
    from ..files import write_new

    write_new(output, text, force)
    state.env.note(f"wrote {output}")


def _read_calendar(file: Path, kind: Optional[CalendarKind], state: State):
    from ..calendars import convert, read_calendar

    text = read_calendar(file)
    events = state.store().all_events()
    wanted = {"calendar": "bsd", "pal": "pal"}[kind.value] if kind else None
    search = _calendar_folders(state.env)
    return events, convert(text, wanted, state.store().countries, file.name, {e.id for e in events},
                           folder=file.parent, search=search)


def _calendar_folders(env: Env) -> tuple[Path, ...]:
    """Where '#include <file>' is looked for, in calendar(1)'s order: ~/.calendar, /etc/calendar,
    /usr/share/calendar; ALMANAC_CALENDAR_DIRS (folders separated by the path separator) replaces the
    system's two, for systems that keep them elsewhere (and for the tests)."""
    import os

    from ..calendars import SYSTEM_FOLDERS

    home = env.environ.get("HOME")
    named = env.environ.get("ALMANAC_CALENDAR_DIRS")
    system = tuple(Path(p) for p in named.split(os.pathsep) if p) if named is not None else SYSTEM_FOLDERS
    return ((Path(home) / ".calendar",) if home else ()) + system


def _say_notes(state: State, file: Path, result, verbose: bool) -> None:
    """Every note with --verbose; otherwise one line for each kind of note, with how many lines it covers."""
    if verbose:
        for note in result.notes:
            state.env.note(f"{file}: {note}")
        return
    for kind, n in result.note_counts():
        state.env.note(f"{file}: {plural(n, 'line')}: {kind}")
    if result.notes:
        state.env.note(f"{file}: (--verbose lists every line)")


@app.command("import")
def import_(
    ctx: typer.Context,
    file: Path = typer.Argument(..., metavar="FILE", help="A BSD calendar(1) file or a pal file."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", metavar="FILE.toml",
                                          help="Where to write the corpus file (standard output if not given)."),
    kind: Optional[CalendarKind] = typer.Option(None, "--kind", help="calendar or pal (detected if not given)."),
    force: ForceOpt = False,
    verbose: bool = typer.Option(False, "--verbose", "-v", help="List every note, not one line for each kind."),
) -> None:
    """Convert a BSD calendar(1) or pal file into almanac's TOML format, checking it against our corpus.

    Lines without a year become events known to the day only (--MM-DD). Continuation lines are
    joined; #include'd files are read (from ~/.calendar, /etc/calendar, /usr/share/calendar, or beside
    the file); days that move from year to year are skipped, with a note. Every line that our
    corpus knows under another date gets a warning naming our date and its source; nothing
    imported is changed. Review the result, then use it with --data or put it in your data folder.

    \b
    Examples:
      almanac import /usr/share/calendar/calendar.history --output history.toml
      almanac import ~/.pal/history.pal --kind pal --output pal.toml
    """
    from ..calendars import crosscheck, to_toml

    state = _state(ctx)
    events, result = _read_calendar(file, kind, state)
    _say_notes(state, file, result, verbose)
    mismatches = crosscheck(result, events)
    for m in mismatches:
        state.env.note(f"{file}: warning: {m}")
    header = (f"Imported by almanac {__version__} from {file.name} ({result.kind} format). "
              "Review before use: countries and years were guessed from the text.")
    _emit(state, to_toml(result.events, header=header), output, force)
    read = f" from {plural(result.files, 'file')}" if result.files > 1 else ""
    state.env.note(f"{plural(len(result.events), 'event')} imported{read}, {plural(len(result.notes), 'note')}, "
                   f"{plural(len(mismatches), 'date warning')}")


@app.command()
def verify(
    ctx: typer.Context,
    file: Path = typer.Argument(..., metavar="FILE", help="A BSD calendar(1) file or a pal file."),
    kind: Optional[CalendarKind] = typer.Option(None, "--kind", help="calendar or pal (detected if not given)."),
) -> None:
    """Check the dates of a calendar(1) or pal file against our corpus, without writing anything.

    Prints one line per entry that our corpus knows under another date; exits 1 if there is any.

    \b
    Examples:
      almanac verify /usr/share/calendar/calendar.history
      almanac verify history.pal --kind pal
    """
    from ..calendars import crosscheck

    state = _state(ctx)
    events, result = _read_calendar(file, kind, state)
    mismatches = crosscheck(result, events)
    for m in mismatches:
        render.write(state.env, f"{file}: {m}\n")
    read = f" in {plural(result.files, 'file')}" if result.files > 1 else ""
    state.env.note(f"{plural(len(result.events), 'entry', 'entries')} checked{read}, {len(mismatches)} dated "
                   "differently in our corpus")
    if mismatches:
        raise typer.Exit(DataError.exit_code)


# One line each in `almanac --help`, short enough never to be cut with "...".
SHORT_HELP = {
    "on": "What happened on a day, in a year or a month.",
    "today": "What happened on today's date (the default).",
    "week": "Today and the six days after.",
    "person": "One person's life and the events that name them.",
    "timeline": "The story of one country or of several together.",
    "check": "Validate the corpus files.",
    "stats": "Numbers about the corpus.",
    "greet": "A short greeting for your shell's start-up.",
    "search": "Full-text search of events and people.",
    "random": "One event at random.",
    "countries": "The countries and former states known.",
    "export": "Export as JSON, CSV, iCalendar or Markdown.",
    "import": "Convert a calendar(1) or pal file to TOML.",
    "verify": "Check a calendar(1) or pal file's dates.",
}
for _info in app.registered_commands:
    _info.short_help = SHORT_HELP[_info.name or _info.callback.__name__]


# The global options that take a value: the command's name is the first argument after these.
def _named_command(argv: list[str]) -> str | None:
    """The command ``argv`` names, if it names one plainly (after global options); None for anything else
    (no command, --help, --version, a name that is not a command). For a completion request, the command
    its words name, if they name one in full."""
    import os

    if completion_requested(os.environ):
        argv = _completed_words(os.environ)  # a TAB: the words typed in full before the one being completed
    i = 0
    while i < len(argv):
        a = argv[i]
        if a in GLOBAL_WITH_VALUE:
            i += 2
        elif a.startswith("--data=") or (a.startswith("-d") and not a.startswith("--") and len(a) > 2):
            i += 1
        elif a.startswith("-"):
            return None
        else:
            return a
    return None


def _completed_words(environ) -> list[str]:
    """What a completion request has typed in full (after the program's name), as Typer reads it: bash's
    COMP_WORDS up to COMP_CWORD, or the other shells' _TYPER_COMPLETE_ARGS but its last, unfinished word.
    A command named there is built alone; while its name is being typed, every command is listed."""
    from typer._completion_classes import click_split_arg_string

    try:
        if "COMP_WORDS" in environ:
            return click_split_arg_string(environ["COMP_WORDS"])[1:int(environ.get("COMP_CWORD", "0"))]
        line = environ.get("_TYPER_COMPLETE_ARGS", "")
        words = click_split_arg_string(line)[1:]
        return words if line.endswith(" ") else words[:-1]
    except (ValueError, TypeError):
        return []


def run(argv: list[str]) -> None:
    """``app(argv)``, with Typer building only the command that is asked for.

    Typer turns every registered function into a Click command on each call, reading each signature
    (about a tenth of a warm run for one command). The group's own help, completion and a mistyped name
    still see all of them: only a plain, known name is built alone.
    """
    from typer.main import get_command_name

    name = _named_command(argv)
    every = app.registered_commands
    alone = [c for c in every if name is not None and (c.name or get_command_name(c.callback.__name__)) == name]
    if len(alone) == 1:
        app.registered_commands = alone
    try:
        app(args=argv, prog_name="almanac")
    finally:
        app.registered_commands = every
