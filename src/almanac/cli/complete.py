"""Shell completion of country names, the one home of it; no Typer.

``candidates`` is what a country argument completes to (``timeline``'s countries, ``--country``): Typer
calls it through ``options.complete_country``. ``answer`` answers the commonest TABs, a country of
``almanac timeline A B...`` or after ``--country``, without importing Typer: it reads the request as
Typer's completion classes do (``typer._completion_classes``: bash's ``COMP_WORDS``/``COMP_CWORD``, zsh's and fish's
``_TYPER_COMPLETE_ARGS``) and prints what they print for the same candidates (a test holds the two equal
for each shell). Any other request (a command's name, an option, a word after an option, PowerShell)
goes to Typer.
"""

from __future__ import annotations

import sys

COMPLETE_VAR = "_ALMANAC_COMPLETE"  # Typer's name for it: '_' + the program's name in capitals + '_COMPLETE'
COUNTRY_OPTION = ("--country", "-c")  # options.CountryOpt's names (the test of COMMANDS_WITH_COUNTRY holds them)
# The commands that take options.CountryOpt (a test holds this to the app's own declarations).
COMMANDS_WITH_COUNTRY = ("on", "today", "week", "stats", "search", "random", "export")


def candidates(incomplete: str) -> list[str]:
    """Country names and aliases that start with what was typed, ignoring case, sorted.

    The country table comes from the current index when there is one (a query, no parse); otherwise from
    countries.toml. Completion never builds an index.
    """
    names: list[str] = []
    folded = incomplete.lower()
    for c in _country_table():
        for name in (c.name, *c.aliases):
            # Shells keep only candidates that start with what was typed, letter for letter: keep the
            # user's own letters (matching ignores case, so 'sov' + 'iet Union' works as well).
            if name.lower().startswith(folded):
                candidate = incomplete + name[len(incomplete):]
                if candidate not in names:
                    names.append(candidate)
    return sorted(names, key=str.lower)


def _country_table():
    from ..corpus import discover, load_countries
    from ..env import Env
    from ..store.open import open_existing

    try:
        env = Env.from_os()
        store = open_existing(discover(env), env.folder("cache"))
        if store is not None:
            return store.countries
    except Exception:  # noqa: BLE001 - completion must never fail: fall back to the file
        pass
    return load_countries()


def _split(line: str) -> list[str]:
    """A command line split as the shell would, an unfinished quote kept as it is (as Click does)."""
    import shlex

    lex = shlex.shlex(line, posix=True)
    lex.whitespace_split = True
    lex.commenters = ""
    words: list[str] = []
    try:
        words.extend(lex)
    except ValueError:  # an unclosed quote or a trailing backslash: the partial word as it is
        words.append(lex.token)
    return words


def _request(shell: str, environ) -> tuple[list[str], str] | None:
    """(the words typed in full after the program's name, the word being completed), as Typer reads them."""
    if shell == "bash":
        words = _split(environ.get("COMP_WORDS", ""))
        try:
            cword = int(environ.get("COMP_CWORD", ""))
        except ValueError:
            return None
        return words[1:cword], (words[cword] if 0 <= cword < len(words) else "")
    line = environ.get("_TYPER_COMPLETE_ARGS", "")
    args = _split(line)[1:]
    if args and not line.endswith(" "):
        return args[:-1], args[-1]
    return args, ""


def is_country_word(args: list[str], incomplete: str) -> bool:
    """Whether the word being completed is surely a country: one of ``timeline``'s (no option typed), or
    the value of ``--country``/``-c`` where every option before it is another ``--country``. Anything
    else (a global option before the command, another option, a word starting with '-') is Typer's."""
    if not args or incomplete.startswith("-"):
        return False
    command, words = args[0], args[1:]
    if command == "timeline":
        return not any(w.startswith("-") for w in words)
    if command not in COMMANDS_WITH_COUNTRY or not words or words[-1] not in COUNTRY_OPTION:
        return False
    i = 0
    while i < len(words) - 1:
        if words[i] in COUNTRY_OPTION:
            i += 2
        elif words[i].startswith("-"):
            return False
        else:
            i += 1
    return i == len(words) - 1


def _zsh_quoted(s: str) -> str:
    return s.replace('"', '""').replace("'", "''").replace("$", "\\$").replace("`", "\\`").replace(":", r"\\:")


def answer(environ) -> int | None:
    """The exit status of a TAB on a ``timeline`` country answered here, or None for Typer to answer."""
    instruction, _, shell = environ.get(COMPLETE_VAR, "").partition("_")
    if instruction != "complete" or shell not in ("bash", "zsh", "fish"):
        return None
    request = _request(shell, environ)
    if request is None:
        return None
    args, incomplete = request
    if not is_country_word(args, incomplete):
        return None
    names = candidates(incomplete)
    if shell == "bash":
        out = "\n".join(names)
    elif shell == "zsh":
        out = ("_arguments '*: :((" + "\n".join(f'"{_zsh_quoted(n)}"' for n in names) + "))'") if names else "_files"
    else:
        action = environ.get("_TYPER_COMPLETE_FISH_ACTION", "")
        if action == "is-args":  # 'are there candidates?', answered by the exit status alone
            return 0 if names else 1
        out = "\n".join(names) if action == "get-args" else ""
    sys.stdout.write(out + "\n")
    return 0
