"""Long output through a pager on a terminal, as git does: only when taller than the screen, never piped."""

from __future__ import annotations

import contextlib

from .env import Env


def _pager_command(env: Env) -> list[str] | None:
    import shlex

    cmd = env.environ.get("ALMANAC_PAGER") or env.environ.get("PAGER") or "less"
    try:
        parts = shlex.split(cmd)
    except ValueError:  # an unbalanced quote in $PAGER: print instead of paging
        return None
    if not parts or parts[0] == "cat":
        return None
    return parts


@contextlib.contextmanager
def paged(env: Env, enabled: bool = True):
    """Yield the Env to render into; on exit, show what was rendered, through the pager if it is tall."""
    if not (enabled and env.isatty):
        yield env
        return
    import io

    buffer = io.StringIO()
    yield env.replace(stdout=buffer)
    text = buffer.getvalue()
    cmd = _pager_command(env)
    if cmd is None or text.count("\n") < env.height:
        env.stdout.write(text)
        return
    pager_env = dict(env.environ)
    pager_env.setdefault("LESS", "FRX")  # quit if one screen, keep colours, leave the text on screen
    import subprocess  # lazy: only a page that needs paging pays for it

    try:
        subprocess.run(cmd, input=text, text=True, env=pager_env, check=False)
    except OSError:
        env.stdout.write(text)  # no such pager: print it all
