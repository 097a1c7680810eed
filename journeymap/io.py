"""Reading inputs and writing outputs safely.

Why: every command shares the same promises: inputs are read with a size cap
and never modified; outputs are written atomically (temporary file in the
target directory, then rename) so a failure never leaves a half-written file;
``-`` means standard input or standard output.
"""

from __future__ import annotations

import errno
import io
import os
import stat
import sys
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from journeymap.errors import OutputError, UsageError
from journeymap.translation import Msg, Verbatim
from journeymap.translation.library_messages import reason

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
        if sys.stdin is None:  # started with standard input closed (`<&-`)
            raise OSError(errno.EBADF, "standard input is closed")
        data = sys.stdin.buffer.read(limit + 1)
    else:
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
    if len(data) > limit:
        size = len(data) if path == "-" else os.path.getsize(path)
        raise InputTooLarge(size)
    return data


def write_atomic(path: str | Path, data: bytes, inputs: Iterable[str] = ()) -> None:
    """Write ``data`` to ``path`` all at once, or to stdout when path is ``-``; never over one of ``inputs``."""
    refuse_overwriting_inputs(inputs, [path])
    if str(path) == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    target = Path(path)
    if target.is_dir():
        raise OutputError(
            Msg("%(path)s is a directory", path=Verbatim(str(target))),
            hint=Msg("give a file name inside it, e.g. -o %(path)s", path=Verbatim(str(target / target.name))),
        )
    if _is_stream(target):
        _write_stream(target, data)
        return
    temp_name = _synced_temp(target, data)
    try:
        os.chmod(temp_name, _file_mode(target))
        os.replace(temp_name, target)
    except BaseException as error:
        Path(temp_name).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise OutputError(_cannot_write(target, error)) from error
        raise


def write_new(path: str | Path, data: bytes, taken: str) -> None:
    """Write a file that must not exist yet, all at once: never replaces one, even one created meanwhile.

    Why not ``write_atomic``: it replaces. Here the complete file is written beside the target first,
    then hard-linked to its name, which fails if the name is taken; ``taken`` is the message then.
    """
    target = Path(path)
    if os.path.lexists(target):
        raise UsageError(taken, Msg("choose another path"))
    make_directory(target.parent if str(target.parent) else Path("."))
    temp_name = _synced_temp(target, data)
    try:
        os.chmod(temp_name, _file_mode(target))
        try:
            os.link(temp_name, target)
        except FileExistsError:
            raise UsageError(taken, Msg("choose another path")) from None
        except OSError:  # a file system without hard links: the check above is all we can do
            if os.path.lexists(target):
                raise UsageError(taken, Msg("choose another path")) from None
            os.replace(temp_name, target)
    except OSError as error:
        raise OutputError(_cannot_write(target, error)) from error
    finally:
        Path(temp_name).unlink(missing_ok=True)


def write_replacing(path: str | Path, data: bytes, inputs: Iterable[str] = ()) -> None:
    """Write ``path`` all at once, replacing a file there, even a YAML one; never one of ``inputs``.

    Why beside ``write_atomic``: that one never replaces YAML (most commands must not write journeys);
    ``journeymap import --force`` is asked to write a journey over an older import.
    """
    target = Path(path)
    known = [p for p in inputs if p not in ("-", STDIN_NAME)]
    same = _identity(target)
    if any(os.path.realpath(p) == os.path.realpath(target) or (same and _identity(p) == same) for p in known):
        raise UsageError(_an_input(target), Msg("choose another -o"))
    if target.is_dir():
        raise OutputError(
            Msg("%(path)s is a directory", path=Verbatim(str(target))), hint=Msg("give a file name inside it")
        )
    if _is_stream(target):
        _write_stream(target, data)
        return
    make_directory(target.parent if str(target.parent) else Path("."))
    temp_name = _synced_temp(target, data)
    try:
        os.chmod(temp_name, _file_mode(target))
        os.replace(temp_name, target)
    except OSError as error:
        Path(temp_name).unlink(missing_ok=True)
        raise OutputError(_cannot_write(target, error)) from error


def _is_stream(target: Path) -> bool:
    """A device, pipe or socket (``-o /dev/null``, ``-o /dev/stdout``, a named pipe): written into, never replaced.

    Why: writing atomically renames a new file over the target, which would replace the device itself
    with a regular file (``/dev/null`` turned into a file for every other program on the machine).
    """
    try:
        mode = target.stat().st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def _write_stream(target: Path, data: bytes) -> None:
    try:
        with open(target, "wb") as handle:
            handle.write(data)
    except OSError as error:
        raise OutputError(_cannot_write(target, error)) from error


def _cannot_write(target: Path, error: OSError) -> str:
    return Msg("cannot write %(path)s: %(reason)s", path=Verbatim(str(target)), reason=reason(error))


def _cannot_write_into(directory: str | Path, error: OSError) -> str:
    return Msg("cannot write into %(path)s: %(reason)s", path=Verbatim(str(directory)), reason=reason(error))


def _missing_folder_hint(directory: str | Path, error: OSError) -> str | None:
    """For a file in a folder that does not exist (a typo, often): how to make it, if it was meant."""
    if error.errno != errno.ENOENT:
        return None
    return Msg("the folder does not exist: create it first (mkdir -p %(path)s)", path=Verbatim(str(directory)))


def _an_input(target: str | Path) -> str:
    return Msg("%(path)s is an input; writing there would replace it", path=Verbatim(str(target)))


def _synced_temp(target: Path, data: bytes) -> str:
    """``data`` in a new temporary file beside ``target``, flushed to disk: its name (the caller renames it)."""
    import tempfile  # only when writing: a command that writes nothing does not load it

    directory = target.parent if str(target.parent) else Path(".")
    try:
        fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as error:
        raise OutputError(_cannot_write_into(directory, error), _missing_folder_hint(directory, error)) from error
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException as error:
        Path(temp_name).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise OutputError(_cannot_write(target, error)) from error
        raise
    return temp_name


def write_each(outputs: Iterable[tuple[str, Callable[[], bytes]]], inputs: Iterable[str] = ()) -> int:
    """Make and write one output after another (each atomically; bytes made only when due); the count written.

    Why lazily: a folder of big journeys is drawn one map at a time, never all in memory at once.
    """
    protected = list(inputs)
    written = 0
    for target, make in outputs:
        write_atomic(target, make(), protected)
        written += 1
    return written


def refuse_overwriting_inputs(inputs: Iterable[str], targets: Iterable[str | Path]) -> None:
    """Outputs never replace inputs: ``report j.json -o j.json`` is a usage error, not a lost journey.

    Why compare both the resolved path and the file identity: a symbolic link
    resolves to the input's path, a hard link does not, but both share the
    input's device and inode.
    """
    known = [path for path in inputs if path not in ("-", STDIN_NAME)]
    resolved = {os.path.realpath(path) for path in known}
    identities = {identity for path in known if (identity := _identity(path)) is not None}
    for target in targets:
        if str(target) == "-":
            continue
        if os.path.realpath(target) in resolved or _identity(target) in identities:
            raise UsageError(_an_input(target), Msg("choose another -o"))
        if Path(target).suffix.lower() in (".yaml", ".yml") and os.path.exists(target):
            raise UsageError(
                Msg("%(path)s exists and may be a journey; journeymap never writes YAML", path=Verbatim(str(target))),
                Msg("choose another -o"),
            )


def _identity(path: str | Path) -> tuple[int, int] | None:
    try:
        status = os.stat(path)
    except OSError:
        return None
    return (status.st_dev, status.st_ino)


def write_all_or_nothing(
    directory: str | Path, files: Mapping[str, bytes | Iterable[bytes]], inputs: Iterable[str] = ()
) -> None:
    """Write several files into ``directory`` (relative names) so that a failure leaves none of them.

    Why: a report is a set of pages that link to each other; two pages of three
    and no index is worse than the old report. Every file is first written to a
    temporary folder beside the target (same file system, so moves are renames);
    only when all are complete are they moved into place. A file given as pieces (an
    iterable of bytes) is written piece by piece, never held whole.
    """
    import shutil
    import tempfile

    target = Path(directory)
    refuse_overwriting_inputs(inputs, [target / name for name in files])
    make_directory(target.parent if str(target.parent) else Path("."))
    try:
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent))
    except OSError as error:
        raise OutputError(_cannot_write_into(target.parent, error)) from error
    try:
        for name, data in files.items():
            staged = staging / name
            staged.parent.mkdir(parents=True, exist_ok=True)
            _write_file(staged, data, target / name)
        make_directory(target)
        for name in files:
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging / name, target / name)
    except OSError as error:
        raise OutputError(_cannot_write_into(target, error)) from error
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _write_file(path: Path, data: bytes | Iterable[bytes], final: Path) -> None:
    with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as handle:
        for piece in [data] if isinstance(data, bytes) else data:
            handle.write(piece)
        handle.flush()
        os.fsync(handle.fileno())
    os.chmod(path, _file_mode(final))


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
        raise OutputError(
            Msg("cannot create directory %(path)s: a file is in the way", path=Verbatim(str(path)))
        ) from None
    except OSError as error:
        raise OutputError(
            Msg("cannot create directory %(path)s: %(reason)s", path=Verbatim(str(path)), reason=reason(error))
        ) from None


class ClosedOutput(io.TextIOBase):
    """Stands in for a standard stream the process was started without (``>&-``).

    Why: Python sets ``sys.stdout`` to None then, and the first write would be
    an AttributeError. Writing here raises a clear OutputError instead, while
    commands that write only to files (``-o FILE``) still work.
    """

    def __init__(self, name: str) -> None:
        super().__init__()
        self.stream_name = name

    def write(self, text: str) -> int:
        raise OutputError(
            Msg("%(stream)s is closed", stream=Verbatim(self.stream_name)),
            Msg("run the command with it open, or use -o FILE"),
        )

    @property
    def buffer(self) -> ClosedOutput:
        return self

    def isatty(self) -> bool:
        return False


def prepare_standard_streams() -> None:
    """UTF-8 out whatever the locale says, and closed streams that fail cleanly.

    Why: with ``PYTHONIOENCODING=ascii`` or a Windows ``cp1252`` console, an
    Arabic journey's output would stop at the first Arabic letter (or produce
    JSON that is not UTF-8). Journeys are UTF-8; so is everything we write.
    """
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is None:
            setattr(sys, name, ClosedOutput(f"standard {name[3:]}put" if name == "stdout" else "standard error"))
        elif isinstance(stream, io.TextIOWrapper) and stream.encoding.lower().replace("-", "") != "utf8":
            stream.reconfigure(encoding="utf-8", errors="surrogateescape" if name == "stdout" else "replace")


def use_color(stream: object) -> bool:
    """Colour only on a terminal and only when NO_COLOR is not set."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())
