"""What only a real process shows: the installed wheel, import cost, pipes, locales, a login shell.

These start subprocesses, so they are the slow part of the suite (a few seconds in all).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = Path(sysconfig.get_path("scripts"))
pytestmark = pytest.mark.slow


def isolated_env(tmp_path, **extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ALMANAC", "XDG_", "NO_COLOR", "FORCE_COLOR"))}
    env.update(XDG_CACHE_HOME=str(tmp_path / "xcache"), XDG_DATA_HOME=str(tmp_path / "xdata"),
               XDG_STATE_HOME=str(tmp_path / "xstate"), XDG_CONFIG_HOME=str(tmp_path / "xconfig"),
               HOME=str(tmp_path / "home"), ALMANAC_TODAY="2026-05-15", COLUMNS="80")
    env.update(extra)
    return env


def almanac(tmp_path, *args, **extra):
    return subprocess.run([sys.executable, "-m", "almanac", *args], capture_output=True, text=True,
                          env=isolated_env(tmp_path, **extra), cwd=tmp_path, timeout=120)


def test_wheel_installs_and_carries_the_corpus(tmp_path):
    """Build the wheel, install it in a fresh venv, run `almanac on 1989-05-15` from outside the checkout."""
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "--no-build-isolation",
                    "-q", "-w", str(dist)], check=True, capture_output=True, timeout=300)
    wheel = next(dist.glob("history_almanac-*.whl"))
    import zipfile

    assert "almanac/data/index.sqlite3" in zipfile.ZipFile(wheel).namelist()  # the hook's carried index
    target = tmp_path / "venv"
    venv.create(target, with_pip=True)
    py = target / "bin" / "python"
    # Reuse this environment's installed dependencies (no network): a .pth file appends its site-packages,
    # after the venv's own, so the freshly installed wheel is what 'import almanac' finds.
    site = subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                          capture_output=True, text=True, check=True).stdout.strip()
    deps = {sysconfig.get_path("purelib"), sysconfig.get_path("platlib")}
    Path(site, "zz_test_deps.pth").write_text("\n".join(sorted(deps)) + "\n")
    subprocess.run([str(py), "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel)],
                   check=True, capture_output=True, timeout=300)
    out = subprocess.run([str(target / "bin" / "almanac"), "on", "1989-05-15", "--format", "brief"],
                         capture_output=True, text=True, env=isolated_env(tmp_path), cwd=tmp_path, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines()[0].startswith("1989-05-15  ")
    assert "[CN SU]" in out.stdout.splitlines()[0]
    # The first run copied the carried index (it keeps the content it was built from) instead of building one.
    import sqlite3

    (index,) = (tmp_path / "xcache" / "almanac").glob("index-*.sqlite3")
    conn = sqlite3.connect(index)
    meta = dict(conn.execute("SELECT key, value FROM meta"))
    conn.close()
    assert "content" in meta and str(target) in meta["fingerprint"]
    where = subprocess.run([str(py), "-c", "from almanac import resources; print(resources.events_file())"],
                           capture_output=True, text=True, cwd=tmp_path, timeout=60).stdout.strip()
    assert where.startswith(str(target)) and where.endswith("almanac/data/events.toml")


LOADED = ("import sys\nfrom almanac.__main__ import main\ntry:\n    main(sys.argv[1:])\nexcept SystemExit:\n"
          "    pass\nprint(sorted({m.split('.')[0] for m in sys.modules} & {'typer', 'rich', 'dateutil', "
          "'pydantic', 'icalendar', 'random'} | {m for m in sys.modules if m == 'almanac.store.memory'}), "
          "file=sys.stderr)")


@pytest.mark.parametrize("args, loaded", [
    (["greet"], "[]"),
    (["on", "05-15", "--format", "json"], "[]"),  # --format and --no-pager are read without Typer too
    (["export", "--format", "ics", "--country", "japan"], "['typer']"),
    (["on", "May 15th 1989", "--format", "brief"], "[]"),
    (["--help"], "['typer']"),
    (["on", "05-15"], "[]"),  # the plainest calls never import Typer (cli.commands.quick)
    (["today"], "[]"),
    ([], "[]"),
    (["timeline", "China", "USSR"], "[]"),
    (["search", "treaty"], "[]"),
    (["on", "05-15", "--kind", "births"], "['typer']"),  # any option: Typer reads the line
])
def test_lazy_imports(tmp_path, args, loaded):
    """On a warm run the greeting loads neither Typer, Rich nor random; JSON and plain output load no Rich;
    ISO needs no dateutil; an .ics export no icalendar; no command loads the in-memory store."""
    almanac(tmp_path, "on", "05-15", "--format", "brief")  # the index is built first: these are warm runs
    result = subprocess.run([sys.executable, "-c", LOADED, *args], capture_output=True, text=True,
                            env=isolated_env(tmp_path), cwd=tmp_path, timeout=120)
    assert result.stderr.strip().splitlines()[-1] == loaded


def test_cards_in_colour_load_no_rich(tmp_path):
    """Cards on a colour terminal are drawn with escape codes by render.cards itself: no Typer, no Rich."""
    almanac(tmp_path, "on", "05-15", "--format", "brief")
    result = subprocess.run([sys.executable, "-c", LOADED, "on", "05-15"], capture_output=True, text=True,
                            env=isolated_env(tmp_path, FORCE_COLOR="1"), cwd=tmp_path, timeout=120)
    *_, last = result.stderr.strip().splitlines()
    assert "\x1b[34m╭─" in result.stdout and last == "[]"


@pytest.mark.parametrize("words, cword, loaded", [
    ("almanac timeline chi", 2, "[]"),  # a country: answered without Typer (cli.complete)
    ("almanac on --country chi", 3, "[]"),
    ("almanac tim", 1, "['typer']"),  # a command's name: Typer's
])
def test_lazy_imports_of_a_tab(tmp_path, words, cword, loaded):
    """A TAB on a country loads neither Typer nor Rich and never the in-memory store (no parse)."""
    almanac(tmp_path, "on", "05-15", "--format", "brief")
    env = isolated_env(tmp_path, _ALMANAC_COMPLETE="complete_bash", COMP_WORDS=words, COMP_CWORD=str(cword))
    result = subprocess.run([sys.executable, "-c", LOADED], capture_output=True, text=True, env=env,
                            cwd=tmp_path, timeout=120)
    assert result.stderr.strip().splitlines()[-1] == loaded
    assert "china" in result.stdout.split() or "timeline" in result.stdout.split()


def test_piped_into_head_ends_quietly(tmp_path):
    """`almanac ... | head -1`: no BrokenPipeError, exit 0."""
    big = tmp_path / "many.toml"
    big.write_text("".join(f'[[event]]\nid = "e-{n}"\ndate = "{1000 + n}-05-15"\ntitle = "Event {n}"\n'
                           f'summary = "{"long text " * 50}"\ncountries = ["FR"]\nsources = ["s"]\n\n'
                           for n in range(800)))
    for sub in ("on 05-15", "on 05-15 --format brief", "on 05-15 --format json", "greet --count 3",
                "timeline France Germany"):
        cmd = f"{shlex_join([sys.executable, '-m', 'almanac', '--data', str(big)])} {sub} | head -1; " \
              "echo \"status=${PIPESTATUS[0]}\" >&2"
        result = subprocess.run(["bash", "-c", cmd], capture_output=True, text=True, env=isolated_env(tmp_path),
                                cwd=tmp_path, timeout=120)
        assert result.stderr.strip() == "status=0", (sub, result.stderr)
        assert len(result.stdout.splitlines()) == 1


def shlex_join(parts):
    import shlex

    return " ".join(shlex.quote(p) for p in parts)


def test_non_ascii_under_the_c_locale(tmp_path):
    """CJK and Cyrillic with LC_ALL=C print without a crash."""
    f = tmp_path / "intl.toml"
    f.write_text('[[event]]\nid = "intl-1950"\ndate = "1950-02-14"\ntitle = "中苏友好同盟互助条约 / Договор о дружбе"\n'
                 'summary = "Подписан в Москве. 在莫斯科签订。"\ncountries = ["CN", "SU"]\nsources = ["s"]\n',
                 encoding="utf-8")
    for args in (["on", "02-14"], ["on", "02-14", "-f", "json"], ["greet"], ["on", "02-14", "-f", "brief"]):
        result = almanac(tmp_path, "--data", str(f), *args, LC_ALL="C", LANG="C", ALMANAC_TODAY="2026-02-14")
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr
        if args[-1] == "json":  # JSON keeps the text whole, whatever the locale
            titles = {e["id"]: e.get("title") for e in json.loads(result.stdout)}
            assert titles["intl-1950"] == "中苏友好同盟互助条约 / Договор о дружбе"
        elif args[0] != "greet":  # UTF-8 (Python's C-locale coercion) or, on an ASCII stream, replaced
            assert "中苏友好同盟互助条约 / Договор о дружбе" in result.stdout \
                or "?????????? / ??????? ? ??????" in result.stdout


def _shell_env(tmp_path):
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    snippet = subprocess.run([sys.executable, "-m", "almanac", "greet", "--shell", "bash"], capture_output=True,
                             text=True, check=True, timeout=60).stdout
    bin_dir = tmp_path / "bin"
    # /etc/profile resets PATH for login shells; a user's own start-up file puts their bin folder back.
    (home / ".bash_profile").write_text(f'export PATH="{bin_dir}:$PATH"\n' + snippet + 'PS1="READY> "\n')
    bin_dir.mkdir(exist_ok=True)
    launcher = bin_dir / "almanac"
    launcher.write_text(f"#!/bin/sh\nexec {sys.executable} -m almanac \"$@\"\n")
    launcher.chmod(0o755)
    return isolated_env(tmp_path, PATH=f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}",
                        PS1="READY> ", TERM="dumb")


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_interactive_login_shell_greets_before_the_prompt(tmp_path):
    """A real interactive login bash in a pseudo-terminal prints the greeting, then the prompt."""
    pexpect = pytest.importorskip("pexpect")
    child = pexpect.spawn("bash", ["--noprofile", "--norc", "-c", "exec bash --login -i"],
                          env=_shell_env(tmp_path), cwd=str(tmp_path), encoding="utf-8", timeout=60,
                          dimensions=(24, 100))
    child.expect("READY> ")
    before = child.before
    child.sendline("exit")
    child.expect(pexpect.EOF)
    assert "years ago" in before
    assert "1989 · 37 years ago" in before or "1972 · 54 years ago" in before


SKEL = Path(__file__).parent / "data" / "skel"


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
@pytest.mark.parametrize("system, files", [
    ("debian", {".profile": "debian.profile", ".bashrc": "debian.bashrc"}),  # Ubuntu's are the same
    ("fedora", {".bash_profile": "fedora.bash_profile", ".bashrc": "fedora.bashrc"}),
])
def test_the_snippet_greets_with_the_stock_start_up_files(tmp_path, system, files):
    """pip --user and pipx install into ~/.local/bin, which Debian's ~/.profile puts on PATH only after
    it has read ~/.bashrc: the snippet at the end of a stock ~/.bashrc still greets in a login shell."""
    pexpect = pytest.importorskip("pexpect")
    home = tmp_path / "home"
    home.mkdir()
    for name, stock in files.items():
        (home / name).write_text((SKEL / stock).read_text(encoding="utf-8"), encoding="utf-8")
    snippet = subprocess.run([sys.executable, "-m", "almanac", "greet", "--shell", "bash"], capture_output=True,
                             text=True, check=True, timeout=60).stdout
    with open(home / ".bashrc", "a", encoding="utf-8") as rc:
        rc.write("\n" + snippet + 'PS1="READY> "\n')
    local_bin = home / ".local" / "bin"
    local_bin.mkdir(parents=True)
    launcher = local_bin / "almanac"
    launcher.write_text(f"#!/bin/sh\nexec {sys.executable} -m almanac \"$@\"\n")
    launcher.chmod(0o755)
    env = isolated_env(tmp_path, PATH="/usr/local/bin:/usr/bin:/bin", TERM="dumb")  # no ~/.local/bin yet
    child = pexpect.spawn("bash", ["--noprofile", "--norc", "-c", "exec bash --login -i"], env=env,
                          cwd=str(tmp_path), encoding="utf-8", timeout=60, dimensions=(24, 100))
    child.expect("READY> ")
    before = child.before
    child.sendline("exit")
    child.expect(pexpect.EOF)
    assert "1989 · 37 years ago" in before or "1972 · 54 years ago" in before, (system, before)


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_non_interactive_login_shell_prints_nothing(tmp_path):
    """scp, rsync and `ssh host cmd` run non-interactive shells: the snippet stays silent."""
    result = subprocess.run(["bash", "--login", "-c", "echo done"], capture_output=True, text=True,
                            env=_shell_env(tmp_path), cwd=tmp_path, timeout=60)
    assert (result.stdout, result.stderr) == ("done\n", "")


def test_shell_completion_offers_commands_and_country_names(tmp_path):
    """Typer's completion protocol, as bash drives it: commands, then country names for timeline."""
    def complete(words: str, cword: int) -> list[str]:
        env = isolated_env(tmp_path, _ALMANAC_COMPLETE="complete_bash", COMP_WORDS=words, COMP_CWORD=str(cword))
        return subprocess.run([str(SCRIPTS / "almanac")], capture_output=True, text=True, env=env,
                              timeout=60).stdout.split()

    assert complete("almanac tim", 1) == ["timeline"]
    assert "Soviet" in complete("almanac timeline China Sov", 3)
    assert "Japan" in complete("almanac timeline Jap", 2)


def test_concurrent_cold_runs_all_answer_and_the_index_survives(tmp_path):
    """16 mixed commands at once on a cold cache, twice: each answers right, and the index is kept."""
    commands = [["greet"], ["search", "summit"], ["on", "05-15", "-f", "json"], ["timeline", "China", "USSR",
                "-f", "brief"]] * 4
    env = isolated_env(tmp_path)
    for _ in range(2):
        procs = [subprocess.Popen([sys.executable, "-m", "almanac", *c], stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True, env=env, cwd=tmp_path) for c in commands]
        for cmd, p in zip(commands, procs):
            out, err = p.communicate(timeout=120)
            assert p.returncode == 0 and "Traceback" not in err, (cmd, err)
            if cmd[0] == "search":
                assert "Sino-Soviet" in out, out
            elif cmd[0] == "on":
                assert "sino-soviet-summit-1989" in {e.get("id") for e in json.loads(out)}
            elif cmd[0] == "timeline":
                assert "1989-05-15  Gorbachev and Deng" in out
            else:
                assert out.strip(), err
        indexes = list((tmp_path / "xcache" / "almanac").glob("index-*.sqlite3"))
        assert len(indexes) == 1


def test_greet_once_on_a_greeted_day_reads_one_file_and_exits(tmp_path):
    """The second `greet --once` of a day prints nothing and imports nothing of the greeting or the store."""
    first = almanac(tmp_path, "greet", "--once")
    assert first.returncode == 0 and first.stdout
    env = isolated_env(tmp_path)
    again = subprocess.run([sys.executable, "-X", "importtime", "-m", "almanac", "greet", "--once"],
                           capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120)
    assert again.returncode == 0 and again.stdout == ""
    loaded = {line.split("|")[-1].strip() for line in again.stderr.splitlines() if "|" in line}
    assert "almanac" in loaded  # the package itself (runpy runs its __main__)
    assert not {"almanac.greet", "almanac.env", "almanac.store.open", "sqlite3", "datetime"} & loaded
    tomorrow = almanac(tmp_path, "greet", "--once", ALMANAC_TODAY="2026-05-16")
    assert tomorrow.stdout  # a new day greets again
