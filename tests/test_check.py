"""`almanac check`: every problem, with file and line or event id and field; exit 1 on any."""

from __future__ import annotations

from conftest import DATA, MINI


def test_clean_corpus_passes(run):
    """A good corpus: exit 0 and a count."""
    result = run("check", bundled=MINI)
    assert (result.exit_code, result.stdout) == (0, "No problems: 10 events in 1 file.\n")


def test_every_problem_is_listed(run):
    """Impossible date, unknown country, missing field, wrong types and duplicate ids, each named."""
    bad = DATA / "bad.toml"
    result = run("check", str(bad), bundled=MINI)
    assert result.exit_code == 1
    assert result.stdout == (
        f"{bad}: event 'impossible-date': date: '1989-02-30' is not a date: February 1989 has no day 30\n"
        f"{bad}: event 'unknown-country': countries: unknown country code 'QB' ('almanac countries' lists them)\n"
        f"{bad}: event 'no-title': title: missing\n"
        f"{bad}: event 'wrong-type': date: must be a string such as \"1989-05-15\", not int\n"
        f"{bad}: event 'wrong-type': countries: must be a list of strings\n"
        f"{bad}: event 'unknown-country': id: duplicate id (twice in this file)\n"
        "6 problems in 2 files\n")


def test_syntax_error_names_file_line_and_column(run):
    """A TOML syntax error is reported with its line and column."""
    bad = DATA / "syntax.toml"
    result = run("check", str(bad), bundled=MINI)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == f"{bad}:4:32: TOML syntax error: Illegal character '\\n'"


def test_commands_refuse_a_broken_file_they_were_given(run):
    """`on` with a broken --data file exits 1 with the same message, pointing at `check`."""
    bad = DATA / "syntax.toml"
    result = run("--data", str(bad), "on", "05-15", bundled=MINI)
    assert result.exit_code == 1
    assert result.stderr == (f"almanac: {bad}:4:32: TOML syntax error: Illegal character '\\n'; "
                             "run 'almanac check' for the full list\n")


def test_duplicate_ids_across_files(run, tmp_path):
    """An id used in two files is a problem of the second."""
    other = tmp_path / "mine.toml"
    other.write_text(MINI.read_text().split("[[event]]")[0] + "[[event]]" + MINI.read_text().split("[[event]]")[1])
    result = run("check", str(other), bundled=MINI)
    assert result.exit_code == 1
    assert f"{other}: event 'ides-of-march-44bc': id: duplicate id (also in {MINI})" in result.stdout


def test_missing_file_is_a_problem(run, tmp_path):
    """A named file that does not exist is reported, not skipped."""
    result = run("check", str(tmp_path / "nope.toml"), bundled=MINI)
    assert result.exit_code == 1
    assert result.stdout.startswith(f"{tmp_path / 'nope.toml'}: cannot read: No such file or directory\n")


def test_strict_flags_order_sources_and_incomplete_cards(run, tmp_path):
    """--strict also fails on unsorted files, events without sources, and full cards missing a part."""
    f = tmp_path / "loose.toml"
    f.write_text('[[event]]\nid = "b-2000"\ndate = "2000-01-02"\ntitle = "B"\nsummary = "b"\ncountries = ["FR"]\n'
                 'fun_fact = "x"\nsources = ["s"]\n\n'
                 '[[event]]\nid = "a-1999"\ndate = "1999-01-01"\ntitle = "A"\nsummary = "a"\ncountries = ["FR"]\n')
    assert run("check", str(f), bundled=MINI).exit_code == 0
    result = run("check", "--strict", str(f), bundled=MINI)
    assert result.exit_code == 1
    warnings = [line for line in result.stdout.splitlines() if line.startswith("warning: ")]
    assert f"warning: {MINI}: event 'sino-soviet-summit-1989': sources: only aggregator or mirror " \
           "pages (data/sources.toml): cite the reference itself, e.g. the encyclopedia article" in warnings
    assert result.stdout.split("\n", len(warnings))[-1] == (
        f"{f}: event 'b-2000': sections, reading: a full card has sections, a fun fact and further reading; "
        "this one lacks sections, reading\n"
        f"{f}: event 'a-1999': sources: no source named: every event needs at least one\n"
        f"{f}: event 'a-1999': date: not sorted by date: 1999-01-01 comes after 2000-01-02\n"
        "3 problems in 2 files\n")


def test_unknown_fields_are_not_ignored(run, tmp_path):
    """A misspelt field is reported: explicitly written input is never silently dropped."""
    f = tmp_path / "typo.toml"
    f.write_text('[[event]]\nid = "x-2000"\ndate = "2000-01-02"\ntitle = "X"\nsummery = "oops"\n'
                 'countries = ["FR"]\nsources = ["s"]\n')
    result = run("check", str(f), bundled=MINI)
    assert f"{f}: event 'x-2000': summery: unknown field (a typo? the fields are: id, date, end, title, " \
           "summary, countries, people, tags, sources, fun_fact, reading, sections)" in result.stdout
    assert f"{f}: event 'x-2000': summary: missing" in result.stdout


def test_strict_warns_on_aggregator_only_sources_but_passes(run, tmp_path):
    """An entry resting on "on this day" pages alone is a warning under --strict, not a failure."""
    f = tmp_path / "farm.toml"
    f.write_text('[[event]]\nid = "a-2000"\ndate = "2000-01-01"\ntitle = "A"\nsummary = "a"\ncountries = ["FR"]\n'
                 'sources = ["https://www.onthisday.com/events/january/1", "http://on-this-day.net/1-1"]\n\n'
                 '[[event]]\nid = "b-2000"\ndate = "2000-01-02"\ntitle = "B"\nsummary = "b"\ncountries = ["FR"]\n'
                 'sources = ["https://www.onthisday.com/x", "https://en.wikipedia.org/wiki/France"]\n')
    result = run("check", "--strict", str(f), bundled=MINI)
    assert result.exit_code == 0
    assert f"warning: {f}: event 'a-2000': sources: only aggregator or mirror pages" in result.stdout
    assert "'b-2000'" not in result.stdout
