"""People: Born and Died lists on a day, --kind, `almanac person`, JSON kinds, check of person tables."""

from __future__ import annotations

import json

import pytest

from conftest import DATA, MINI

PEOPLE = DATA / "people-mini.toml"


@pytest.fixture
def prun(run):
    """The CLI over the mini events and the named people fixture."""

    def invoke(*args, **kw):
        return run("--data", str(PEOPLE), *args, bundled=MINI, **kw)

    return invoke


def test_day_lists_births_after_the_events(prun):
    result = prun("on", "05-15", width=100)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.index("Sino-Soviet") < out.index("\nBorn\n")
    born = out[out.index("\nBorn\n"):].splitlines()
    assert born[2:4] == ["  1859  Pierre Curie, French physicist, pioneer of radioactivity",
                         "  1950  Ana Müller-Šimić, a living person, for the tests"]
    assert "\nDied\n" not in out


def test_deaths_carry_the_age_and_the_old_style_date(prun):
    out = prun("on", "04-28", "--kind", "deaths", width=120).stdout
    assert "  1813  Mikhail Kutuzov, Russian field marshal against Napoleon (aged 67) [16 April 1813 Old Style]" in out
    out = prun("on", "03-15", "--kind", "deaths").stdout
    assert "44 BC  Julius Caesar, Roman general and dictator (aged 55)" in out


def test_a_year_puts_that_date_first(prun):
    out = prun("on", "1950-05-15", "--kind", "births").stdout
    born = out[out.index("\nBorn\n"):].splitlines()
    assert born[2].endswith("Ana Müller-Šimić, a living person, for the tests")


def test_kind_events_leaves_people_out_and_kind_births_leaves_events_out(prun):
    events_only = prun("on", "05-15", "--kind", "events").stdout
    assert "Born" not in events_only and "Sino-Soviet" in events_only
    births = prun("on", "05-15", "--kind", "births").stdout
    assert "Sino-Soviet" not in births and "Pierre Curie" in births
    assert births.startswith("On 15 May: 2 births\n")


def test_json_has_a_kind_on_every_entry_and_keeps_the_event_fields(prun):
    rows = json.loads(prun("on", "05-15", "-f", "json").stdout)
    assert [r["kind"] for r in rows] == ["event", "event", "birth", "birth"]
    assert rows[0]["id"] == "okinawa-reversion-1972" and "summary" in rows[0]
    curie = rows[2]
    assert curie["name"] == "Pierre Curie" and curie["date"] == "1859-05-15" and curie["age"] == 46
    assert curie["died"] == "1906-04-19"


def test_brief_lines_name_births(prun):
    out = prun("on", "03-02", "-f", "brief").stdout
    assert "1931-03-02  Born: Mikhail Gorbachev, last leader of the Soviet Union  [SU RU]\n" in out


def test_person_by_any_part_of_the_name_accents_or_not(prun):
    result = prun("person", "muller", "simic")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Ana Müller-Šimić, a living person, for the tests\n"
                                    "Born 15 May 1950; living, aged 76\n")


def test_person_lists_the_events_that_name_them(prun):
    result = prun("person", "gorbachev", "-f", "json")
    body = json.loads(result.stdout)
    assert body["name"] == "Mikhail Gorbachev" and body["age"] == 91 and body["living"] is False
    assert [e["id"] for e in body["events"]] == ["sino-soviet-summit-1989"]
    text = prun("person", "Gorbachov").stdout
    assert "Born 2 March 1931; died 30 August 2022, aged 91" in text
    assert "1 event in the corpus names them" in text and "Gorbachev comes to Beijing" in text


def test_several_matches_are_listed_never_picked(prun):
    result = prun("person", "mikhail")
    assert result.exit_code == 2
    assert result.stderr == ("almanac: 'mikhail' matches 2 people: Mikhail Kutuzov (1745); "
                             "Mikhail Gorbachev (1931); give more of the name\n")


def test_no_match_is_one_line_exit_2(prun):
    result = prun("person", "nobody-at-all")
    assert result.exit_code == 2
    assert result.stderr.startswith("almanac: no person in the corpus matches 'nobody-at-all'")


def test_stats_counts_people(prun):
    data = json.loads(prun("stats", "-f", "json").stdout)
    assert data["people"] == 6 and data["living"] == 1
    assert "People:            6 (1 living)" in prun("stats").stdout


def test_check_validates_person_tables(run, tmp_path):
    bad = tmp_path / "people.toml"
    bad.write_text(
        '[[person]]\nid = "x-1900"\nname = "X"\nborn = "1900-05-01"\ndied = "1890-01-01"\n'
        'description = "d"\ncountries = ["ZZZ"]\nsources = ["s"]\n\n'
        '[[person]]\nid = "y-1000"\nname = "Y"\nborn = "1000"\ndied = "1200"\ndescription = "d"\n'
        'countries = ["FR"]\nsources = ["s"]\nhobby = "chess"\n\n'
        '[[person]]\nid = "x-1900"\nname = "X again"\nborn = "1900-13-01"\ndescription = "d"\n'
        'countries = ["FR"]\nsources = ["s"]\n', encoding="utf-8")
    result = run("check", str(bad), bundled=MINI)
    assert result.exit_code == 1
    out = result.stdout
    assert f"{bad}: person 'x-1900': died: 1890-01-01 is before the birth 1900-05-01" in out
    assert f"{bad}: person 'x-1900': countries: unknown country code 'ZZZ'" in out
    assert f"{bad}: person 'y-1000': died: an age of 200 years: check the dates" in out
    assert f"{bad}: person 'y-1000': hobby: unknown field" in out
    assert f"{bad}: person 'x-1900': born: '1900-13-01' is not a date" in out
    assert f"{bad}: person 'x-1900': id: duplicate person id (also in this file)" in out


def test_index_and_memory_agree_on_people(prun, make_env, tmp_path):
    """The on-disk index answers people questions as the files do (second run reads the index)."""
    env = make_env(bundled=MINI)
    first = prun("on", "05-15", "-f", "json", env=env).stdout
    second = prun("on", "05-15", "-f", "json", env=env).stdout
    assert first == second and '"Pierre Curie"' in first


def test_stats_narrowed_to_a_country(prun):
    data = json.loads(prun("stats", "--country", "Japan", "-f", "json").stdout)
    assert data["events"] == 3 and data["people"] == 0
