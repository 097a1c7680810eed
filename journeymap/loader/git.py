"""Journey files as they were at a git revision (for ``compare --git``).

Why shell out to ``git``: it is what the user has and trusts, it reads every
repository layout and object store, and two plumbing commands are all we
need. Every failure is a UsageError that says what to check.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from journeymap.errors import UsageError
from journeymap.translation import Msg, Verbatim


@dataclass(frozen=True)
class Revision:
    """A commit of the repository that holds ``root``."""

    root: Path
    rev: str

    def read(self, path: str | Path) -> str | None:
        """The text of ``path`` (on disk now) at this revision; None when it did not exist then."""
        relative = Path(path).resolve().relative_to(self.root).as_posix()
        done = _git(self.root, "show", f"{self.rev}:{relative}", check=False)
        if done.returncode != 0:
            return None
        return done.stdout.decode("utf-8", errors="replace")

    def files(self, directory: str | Path) -> list[Path]:
        """YAML files under ``directory`` at this revision, as paths under the working tree."""
        relative = Path(directory).resolve().relative_to(self.root).as_posix()
        done = _git(self.root, "ls-tree", "-r", "--name-only", self.rev, "--", relative or ".")
        names = done.stdout.decode("utf-8", errors="replace").splitlines()
        return [self.root / name for name in names if name.endswith((".yaml", ".yml"))]


def open_revision(rev: str, near: str | Path = ".") -> Revision:
    """The revision ``rev`` of the repository around ``near``; a UsageError when either is missing."""
    if shutil.which("git") is None:
        raise UsageError(Msg("git is not installed, so --git cannot read an earlier version"), Msg("install git"))
    start = Path(near).resolve()
    start = start if start.is_dir() else start.parent
    found = _git(start, "rev-parse", "--show-toplevel", check=False)
    if found.returncode != 0:
        raise UsageError(
            Msg("'%(path)s' is not inside a git repository", path=Verbatim(str(near))),
            Msg("run it from a clone, or compare two files"),
        )
    root = Path(found.stdout.decode().strip()).resolve()
    checked = _git(root, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}", check=False)
    if checked.returncode != 0 or rev.startswith("-"):
        raise UsageError(
            Msg("git revision %(rev)s does not exist in %(root)s", rev=Verbatim(repr(rev)), root=Verbatim(str(root))),
            Msg("check it with `git log --oneline`; fetch it if it is remote"),
        )
    return Revision(root, rev)


def _git(cwd: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[bytes]:
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    if check and done.returncode != 0:
        message = done.stderr.decode("utf-8", errors="replace").strip().splitlines()
        said = Verbatim(message[0]) if message else Msg("no message")
        raise UsageError(Msg("git %(command)s failed: %(message)s", command=Verbatim(args[0]), message=said))
    return done


__all__ = ["Revision", "open_revision"]
