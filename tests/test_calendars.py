"""calendar(1) files as a Debian user has them: includes, month names, moving days, notes by kind, and a
run of `verify` over every file of Debian's `calendar` package when it is installed."""

from __future__ import annotations

from pathlib import Path

import pytest

from almanac import calendars
from almanac.corpus import load_countries
from conftest import DATA, MINI

SYSTEM = Path("/usr/share/calendar")


@pytest.fixture(scope="module")
def table():
    return load_countries()


def _convert(path: Path, table, search=()):
    return calendars.convert(path.read_text(encoding="utf-8"), None, table, path.name,
                             folder=path.parent, search=tuple(search))


def test_includes_are_followed_once_with_loops_guarded(tmp_path, table):
    system = tmp_path / "system"
    (system / "nl_NL").mkdir(parents=True)
    (system / "calendar.world").write_text("#include <nl_NL/calendar.all>\n05/09\tSchuman Declaration, 1950\n")
    (system / "nl_NL" / "calendar.all").write_text('#include "calendar.world"\nmei/05\tBevrijdingsdag, 1945\n')
    (tmp_path / "mine").mkdir()
    main = tmp_path / "mine" / "calendar"
    main.write_text('#include <calendar.world>\n#include "local.cal"\n#include <calendar.world>\n'
                    "#include <nowhere>\n01/01\tNew Year\n")
    (tmp_path / "mine" / "local.cal").write_text("okt/03\tGerman reunification, 1990\n")
    result = _convert(main, table, [system])
    assert sorted((e["date"], e["title"]) for e in result.events) == [
        ("--01-01", "New Year"), ("1945-05-05", "Bevrijdingsdag"), ("1950-05-09", "Schuman Declaration"),
        ("1990-10-03", "German reunification")]
    assert result.files == 4
    assert [e["sources"] for e in result.events if e["date"] == "1945-05-05"] == [
        ["imported from nl_NL/calendar.all, line 2"]]
    notes = [str(n) for n in result.notes if "#include" in n.message]
    assert "nl_NL/calendar.all: line 1: #include calendar.world: already read" in notes
    assert "line 3: #include calendar.world: already read" in notes
    assert any(n.startswith("line 4: #include nowhere: no such file") for n in notes)


def test_month_names_and_moving_days(tmp_path, table):
    cal = tmp_path / "calendar.mixed"
    cal.write_text("LANG=ru_RU.UTF-8\nEaster=Pasen\n9 мая\tДень Победы, 1945\n12 апр.\tДень космонавтики, 1961\n"
                   "jan/01\tNieuwjaar\nMai 23\tGrundgesetz, 1949\n"
                   "May Sun+2\tMother's Day\n11/SunFirst\tSomething\nEaster-2\tGood Friday\nPasen+49\tPinksteren\n"
                   "05/15*\tA moving holiday\n", encoding="utf-8")
    result = _convert(cal, table)
    assert [e["date"] for e in result.events] == ["1945-05-09", "1949-05-23", "1961-04-12", "--01-01"]
    counts = dict(result.note_counts())
    assert counts["not a fixed day of the year (weekday rule, Easter offset): skipped"] == 4
    assert counts["setting skipped (LANG=, Easter=...)"] == 2
    assert calendars.detect("jan/01\tNieuwjaar\nmei/05\tBevrijdingsdag\n") == "bsd"


def test_a_country_is_guessed_only_for_a_year_its_state_existed(table):
    finder = calendars.CountryFinder(table)
    assert finder.find("The Greeks sack Troy", -1184) == []
    assert finder.find("Germany declares war on Russia", 1914) == ["DE", "XR"]


def test_import_summarises_notes_by_kind(run, tmp_path):
    cal = tmp_path / "c"
    cal.write_text("/* a */\n01/01\tOne\n01/02\tTwo\nMay Sun+2\tMothers\n")
    short = run("import", str(cal), bundled=MINI)
    assert f"{cal}: 2 lines: no country recognised: fill in countries\n" in short.stderr
    assert f"{cal}: line 2: no country recognised: fill in countries\n" not in short.stderr
    full = run("import", str(cal), "--verbose", bundled=MINI)
    assert f"{cal}: line 2: no country recognised: fill in countries\n" in full.stderr


def test_a_pal_file_is_named_as_such(run, tmp_path):
    pal = tmp_path / "h.pal"
    pal.write_text("HI History\n00001019 Mao Tse-tung establishes the People's Republic of China, 1949\n")
    result = run("--data", str(DATA / "crosscheck.toml"), "verify", str(pal), bundled=MINI)
    assert "the pal file says 19 October 1949" in result.stdout and "calendar file" not in result.stdout


def test_an_old_style_day_agrees_with_our_gregorian_date(run, tmp_path):
    """calendar.history's 'Pocahontas marries John Rolfe' on 5 April 1614 is the Old Style of our 15 April."""
    corpus = tmp_path / "c.toml"
    corpus.write_text('[[event]]\nid = "rolfe-1614"\ndate = "1614-04-15"\n'
                      'title = "Pocahontas marries the English colonist John Rolfe at Jamestown"\n'
                      'summary = "(5 April Old Style)"\ncountries = ["QQ"]\nsources = ["s"]\n')
    cal = tmp_path / "cal"
    cal.write_text("04/05\tPocahontas marries John Rolfe, 1614\n04/25\tPocahontas marries John Rolfe, 1614\n")
    result = run("--data", str(corpus), "verify", str(cal), bundled=MINI)
    assert [line.split(":")[1].strip() for line in result.stdout.splitlines()] == ["line 2"]


# --- every file of Debian's calendar package -------------------------------------------------------

needs_calendar = pytest.mark.skipif(not (SYSTEM / "calendar.all").is_file(),
                                    reason="Debian's calendar package is not installed (/usr/share/calendar)")

FALSE_MATCHES = {("calendar.history", 26), ("calendar.history", 171), ("calendar.history", 271),
                 ("calendar.eu", 33), ("calendar.holiday", 113)}
# Checked by hand against the references in our corpus: the calendar file has these days wrong.
REAL = {("calendar.history", n) for n in (12, 41, 119, 330, 387, 517, 528, 568, 590, 622, 658, 711)}


@pytest.mark.slow
@needs_calendar
def test_verify_reads_every_file_of_the_calendar_package(run):
    reported = set()
    for path in sorted(SYSTEM.glob("calendar.*")):
        result = run("verify", str(path), environ={})  # the real system folders
        assert result.exit_code in (0, 1), (path, result.stderr)
        assert "Traceback" not in result.stderr and "internal error" not in result.stderr, path
        summary = result.stderr.strip().splitlines()[-1]
        assert summary.endswith("dated differently in our corpus"), (path, summary)
        for line in result.stdout.splitlines():
            where = line.split(": ")[1] if line.count(": ") > 1 and " line " not in line.split(": ")[1] else ""
            file = where or path.name
            number = int(line.split("line ", 1)[1].split(":", 1)[0])
            reported.add((file if file.startswith("calendar.") else path.name, number))
    assert not reported & FALSE_MATCHES
    assert REAL <= reported


@pytest.mark.slow
@needs_calendar
def test_calendar_all_follows_its_includes(run):
    result = run("verify", str(SYSTEM / "calendar.all"), environ={})
    summary = result.stderr.strip().splitlines()[-1]
    files = int(summary.split(" in ", 1)[1].split(" files", 1)[0])
    assert files >= 30 and int(summary.split(" ", 1)[0].replace(",", "")) > 4000
