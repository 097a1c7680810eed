"""``journeymap --show-completion [SHELL]``: click's completion script for the user's shell.

Why a script to print rather than an installer: the script is one ``eval`` line in the shell's start-up
file (or a file in fish's completions folder); printing it leaves the user's files to the user.
"""

from __future__ import annotations

import os

import click

#: The shells click completes, by the names users type (``pwsh`` is PowerShell's).
SHELLS = {"bash": "bash", "zsh": "zsh", "fish": "fish", "powershell": "powershell", "pwsh": "powershell"}
#: The environment variable the script sets when the shell asks ``journeymap`` for completions.
COMPLETE_VAR = "_JOURNEYMAP_COMPLETE"


def completion_script(command: click.Command, shell: str) -> str:
    """The completion script of ``shell`` (its name, or "" for the shell of ``$SHELL``)."""
    from click.shell_completion import get_completion_class

    name = shell or os.path.basename(os.environ.get("SHELL", "")).removesuffix(".exe")
    chosen = SHELLS.get(name.lower())
    completer = get_completion_class(chosen) if chosen else None
    if completer is None:
        said = f"'{name}' is not one of {', '.join(repr(s) for s in SHELLS)}" if name else "$SHELL is not set"
        raise click.BadParameter(said, param_hint="'--show-completion'")
    return completer(command, {}, "journeymap", COMPLETE_VAR).source()
