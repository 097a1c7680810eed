"""Reading inputs and writing outputs safely.

Why: every command shares the same promises: inputs are read with a size cap
and never modified; outputs are written atomically (temporary file in the
target directory, then rename) so a failure never leaves a half-written file;
``-`` means standard input or standard output.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from journeymap.errors import OutputError

#: Largest input file accepted, in bytes. Big enough for 10,000+ touchpoints.
MAX_INPUT_BYTES = 16 * 1024 * 1024

STDIN_NAME = "<stdin>"


class InputTooLarge(Exception):
    def __init__(self, size: int) -> None:
        super().__init__(size)
        self.size = size


def read_capped(path: str, limit: int = MAX_INPUT_BYTES) -> bytes:
    """Read a file (or stdin for ``-``) but never more than ``limit`` bytes.

    Raises OSError when unreadable and InputTooLarge past the limit, reading
    at most ``limit + 1`` bytes so a huge file costs nothing.
    """
    if path == "-":
        data = sys.stdin.buffer.read(limit + 1)
    else:
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
    if len(data) > limit:
        size = len(data) if path == "-" else os.path.getsize(path)
        raise InputTooLarge(size)
    return data


def write_atomic(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` all at once, or to stdout when path is ``-``."""
    if str(path) == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    target = Path(path)
    if target.is_dir():
        raise OutputError(
            f"{target} is a directory", hint=f"give a file name inside it, e.g. -o {target / target.name}"
        )
    directory = target.parent if str(target.parent) else Path(".")
    try:
        fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as error:
        raise OutputError(f"cannot write into {directory}: {error.strerror}") from error
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp_name, _file_mode(target))
        os.replace(temp_name, target)
    except BaseException as error:
        Path(temp_name).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise OutputError(f"cannot write {target}: {error.strerror}") from error
        raise


def _file_mode(target: Path) -> int:
    """Keep an existing file's permissions; a new file gets 0666 minus the umask, like open() would.

    Why: mkstemp creates 0600 files, which would make shared outputs unreadable to others.
    """
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def make_directory(path: str | Path) -> None:
    """Create an output directory (and its parents), or raise a clear OutputError."""
    try:
        Path(path).mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise OutputError(f"cannot create directory {path}: a file is in the way") from None
    except OSError as error:
        raise OutputError(f"cannot create directory {path}: {error.strerror or error}") from None


def use_color(stream: object) -> bool:
    """Colour only on a terminal and only when NO_COLOR is not set."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())
