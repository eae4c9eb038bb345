"""Files written so that a failure leaves the old one whole, and what is at a path.

`write_text_atomic` writes to a temporary file in the target's folder, flushes and syncs
it, and only then renames it over the target (a target that is not a regular file is
never replaced); `file_kind` says what a path holds (a file, a folder, a named pipe...)
so that readers refuse what they must not wait on or read without end. Both speak
through `SaveError`, one line naming the file.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path


class SaveError(Exception):
    """A save that cannot be read or written. Its message is one line naming the file."""

    def __init__(self, path: str | os.PathLike[str], reason: str) -> None:
        self.path = str(path)
        self.reason = " ".join(str(reason).split())
        super().__init__(f"{self.path}: {self.reason}")


def write_text_atomic(path: str | os.PathLike[str], text: str, *, shared: bool = False) -> Path:
    """Write `text` (UTF-8) to `path` atomically: a temporary file in the same folder,
    flushed and synced, then renamed over the target. Raises SaveError, leaving any
    existing file untouched and no temporary file behind. `shared`: readable by others
    as the umask allows (an export), not only by the owner (a save)."""
    target = Path(path)
    folder = target.parent
    kind = file_kind(target)
    if kind not in (None, A_FILE):
        raise SaveError(target, f"cannot be saved: it is {kind}, not a regular file")
    if not folder.is_dir():
        raise SaveError(target, f"cannot be saved: no such folder {str(folder)!r}")
    tmp_name: str | None = None
    try:
        fd, tmp_name = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
        if shared:
            mask = os.umask(0)
            os.umask(mask)
            os.chmod(tmp_name, 0o666 & ~mask)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp_name, target)
        tmp_name = None
        _sync_folder(folder)
    except OSError as e:
        raise SaveError(target, f"cannot be saved: {e.strerror or e}") from e
    finally:
        if tmp_name is not None:
            try:
                os.unlink(tmp_name)
            except OSError:
                pass
    return target


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable where the system allows it (best effort)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


A_FILE = "a file"  # what file_kind says a regular file is
A_FOLDER = "a folder"


def file_kind(p: Path) -> str | None:
    """What is at `p`, symbolic links followed: None if nothing is (or a part of the
    path is a file), else "a file" (a regular one), "a folder", "a named pipe", "a
    device", "a socket" or "a special file"."""
    try:
        mode = p.stat().st_mode
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError:
        return "a path that cannot be looked at"
    return mode_kind(mode)


def mode_kind(mode: int) -> str:
    if stat.S_ISREG(mode):
        return A_FILE
    if stat.S_ISDIR(mode):
        return A_FOLDER
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"
