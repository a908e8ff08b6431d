"""Help and README cannot drift from the code: every command documented, with an example that renders."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.main import get_command

from almanac.cli.app import app
from almanac.greet import SHELLS

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(get_command(app).commands)


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help_with_an_example(run, name):
    """`almanac NAME --help` shows an Examples block with a runnable line for that command."""
    result = run(name, "--help")
    assert result.exit_code == 0
    assert "Examples:" in result.stdout
    assert re.search(rf"^\s+almanac {name}\b", result.stdout, re.M), result.stdout


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_is_in_the_readme(name):
    """The README names every command with an example."""
    assert f"`almanac {name}" in README
    assert re.search(rf"^almanac( --data \S+)? {name}\b", README, re.M) or f"`almanac {name} " in README


def test_help_keeps_square_brackets():
    """Help text prints as written: brackets are not swallowed as markup."""
    from typer.testing import CliRunner

    result = CliRunner().invoke(app, ["check", "--help"])
    assert "[FILE]..." in result.stdout


def test_readme_test_command_is_what_ci_runs():
    """The README's test command is exactly the one .ci/run executes."""
    ci = (ROOT / ".ci" / "run").read_text().strip().splitlines()[-1]
    assert f"\n{ci}\n" in README
    assert "python3 -m venv --upgrade-deps .venv && .venv/bin/pip install . && .venv/bin/almanac on 1989-05-15" in README


@pytest.mark.parametrize("shell", sorted(SHELLS))
def test_readme_shows_the_shell_snippet(shell):
    """The README says how to add each shell's snippet, and shows bash's exactly as `greet --shell` prints it."""
    assert f"almanac greet --shell {shell} >> " in README
    if shell == "bash":
        assert "```bash\n" + SHELLS["bash"] + "```" in README
