"""export, import and verify through the CLI: real files, read back with the libraries that read them."""

from __future__ import annotations

import csv
import io
import json

import tomli

from conftest import DATA, MINI

SAMPLE = DATA / "calendar.history-sample"
CROSS = DATA / "crosscheck.toml"


def test_export_ics_parses_back(run, tmp_path):
    """The .ics holds one yearly all-day event per day-known event, with stable UIDs."""
    import icalendar

    out = tmp_path / "cal.ics"
    result = run("export", "--format", "ics", "--output", str(out), bundled=MINI)
    assert result.exit_code == 0
    assert result.stderr == ("note: 2 events known only to the year or month are not in the calendar "
                             f"(it holds days)\nwrote {out}\n")
    cal = icalendar.Calendar.from_ical(out.read_bytes())
    events = {str(e["uid"]): e for e in cal.walk("VEVENT")}
    assert len(events) == 8
    summit = events["sino-soviet-summit-1989@almanac"]
    assert summit.decoded("dtstart").isoformat() == "1989-05-15"
    assert summit["rrule"].to_ical() == b"FREQ=YEARLY"
    assert str(summit["summary"]).startswith("1989: Gorbachev comes to Beijing")
    assert "seed:000" in str(summit["description"])


def test_export_csv_opens_as_a_table(run):
    """CSV: a header, then one row per event."""
    result = run("export", "-f", "csv", "--country", "Japan", bundled=MINI)
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0][:5] == ["id", "date", "end", "title", "countries"]
    assert [r[0] for r in rows[1:]] == ["russo-japanese-war-1904", "soviet-japanese-convention-1925",
                                       "okinawa-reversion-1972"]


def test_export_json_and_markdown(run):
    """JSON is the same objects as elsewhere; Markdown has one section per event."""
    data = json.loads(run("export", "-f", "json", "--from", "1989", bundled=MINI).stdout)
    assert [e["id"] for e in data] == ["sino-soviet-summit-1989", "good-neighbourliness-treaty-2001"]
    md = run("export", "-f", "markdown", "--from", "1989", "--to", "1989", bundled=MINI).stdout
    assert md.count("\n## ") == 1 and "Gorbachev comes to Beijing" in md


def test_export_never_overwrites_without_force(run, tmp_path):
    """An existing output file is kept unless --force is given."""
    out = tmp_path / "mine.csv"
    out.write_text("precious")
    result = run("export", "-f", "csv", "-o", str(out), bundled=MINI)
    assert (result.exit_code, result.stderr) == (
        2, f"almanac: '{out}' already exists: choose another --output, or add --force to replace it\n")
    assert out.read_text() == "precious"
    assert run("export", "-f", "csv", "-o", str(out), "--force", bundled=MINI).exit_code == 0
    assert out.read_text().startswith("id,date,end,title")


def test_import_writes_a_file_that_passes_check(run, tmp_path):
    """A BSD calendar file becomes a corpus file: continuation joined, includes skipped, day-only lines kept."""
    out = tmp_path / "history.toml"
    result = run("import", str(SAMPLE), "--output", str(out), bundled=MINI)
    assert result.exit_code == 0
    events = tomli.loads(out.read_text())["event"]
    caesar = next(e for e in events if e["date"] == "-0044-03-15")
    assert caesar["title"] == "Julius Caesar is stabbed to death by several senators"
    assert any(e["date"] == "--06-21" for e in events)
    assert f"{SAMPLE}: 1 line: #include of a file that does not exist: skipped\n" in result.stderr
    assert run("check", str(out), bundled=MINI).exit_code == 0


def test_import_warns_about_dates_our_corpus_knows_better(run, tmp_path):
    """The two famous calendar.history errors are flagged line by line, naming our date and source."""
    result = run("--data", str(CROSS), "import", str(SAMPLE), "-o", str(tmp_path / "x.toml"), bundled=MINI)
    warnings = [line for line in result.stderr.splitlines() if ": warning: " in line]
    assert len(warnings) == 2
    assert "line 11: the calendar file says 1 January 1947 for \"Churchill delivers his" in warnings[0]
    assert "our corpus has 5 March 1946 for \"Churchill warns" in warnings[0]
    assert "line 17: the calendar file says 19 October 1949 for \"Mao Tse-tung establishes" in warnings[1]
    assert "our corpus has 1 October 1949" in warnings[1]
    assert "1949-10-19" in (tmp_path / "x.toml").read_text()  # it changes nothing it imports


def test_import_never_overwrites_without_force(run, tmp_path):
    """An existing output file is never replaced without --force."""
    out = tmp_path / "x.toml"
    out.write_text("mine")
    result = run("import", str(SAMPLE), "-o", str(out), bundled=MINI)
    assert result.exit_code == 2 and out.read_text() == "mine"


def test_verify_reports_and_writes_nothing(run, tmp_path):
    """verify prints the mismatches, exits 1, and writes no file."""
    result = run("--data", str(CROSS), "verify", str(SAMPLE), bundled=MINI)
    assert result.exit_code == 1
    assert result.stdout.count("\n") == 2 and "19 October 1949" in result.stdout
    assert list(tmp_path.iterdir()) == []  # nothing written beside the (shared) cache


def test_import_of_a_missing_or_unknown_file(run, tmp_path):
    """A missing file is exit 1; text of neither kind is exit 1 with a clear line."""
    result = run("import", str(tmp_path / "nope"), bundled=MINI)
    assert result.exit_code == 1 and "cannot read" in result.stderr
    junk = tmp_path / "junk.txt"
    junk.write_text("hello\nworld\n")
    result = run("import", str(junk), bundled=MINI)
    assert result.exit_code == 1 and result.stderr.startswith("almanac: cannot tell the calendar kind")
