"""A game's hold on the file it saves to (`SaveLock`): a lock file beside the save,
released when the process ends, so two games continued from the same save never both
write it: the second is told, and saves to a file of its own.
"""

from __future__ import annotations

import os
import weakref
from pathlib import Path

from game.session.safefile import SaveError

try:
    import fcntl
except ImportError:  # not on Windows: games there take no locks
    fcntl = None  # type: ignore[assignment]


def lock_path(target: str | os.PathLike[str]) -> Path:
    """The lock file of a save: `.NAME.lock` beside it."""
    p = Path(target)
    return p.with_name(f".{p.name}.lock")


class SaveLock:
    """A game's hold on the file it saves to: an exclusive lock on the file's lock file,
    held while this object lives and released by the system when the process ends,
    however it ends (so a crash never leaves a lock held; the lock file, which is
    removed on release, may stay, and is used again). Every game of one process that
    saves to a file shares its lock (a front end may open the same game again)."""

    _held: weakref.WeakValueDictionary[str, SaveLock] = weakref.WeakValueDictionary()

    def __init__(self, target: Path, fd: int) -> None:
        self.target = target
        self._fd: int | None = fd

    @classmethod
    def take(cls, target: str | os.PathLike[str]) -> SaveLock | None:
        """Lock the file a game saves to. Returns the lock; None where none can be
        taken (no locks on this system, a folder that cannot be written: saving will
        say so). Raises SaveError, naming the other process, if a game in another
        process holds it."""
        p = Path(target).absolute()
        held = cls._held.get(str(p))
        if held is not None and held._fd is not None:
            return held
        if fcntl is None:
            return None
        for _ in range(5):  # a lock file removed by its holder just now: take the new one
            try:
                fd = os.open(lock_path(p), os.O_RDWR | os.O_CREAT, 0o600)
            except OSError:
                return None
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as e:
                try:
                    holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
                except OSError:
                    holder = ""
                os.close(fd)
                if isinstance(e, BlockingIOError):
                    process = f" (process {holder})" if holder.isdigit() else ""
                    raise SaveError(p, f"is being played in another game of Corridors{process}") from None
                return None  # a file system without locks
            if _same_file(fd, lock_path(p)):
                break
            os.close(fd)
        else:
            return None
        try:
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        except OSError:
            pass
        lock = cls(p, fd)
        cls._held[str(p)] = lock
        return lock

    def release(self) -> None:
        """Remove the lock file (while still holding it), then let go."""
        fd, self._fd = self._fd, None
        if fd is not None:
            try:
                if _same_file(fd, lock_path(self.target)):
                    os.unlink(lock_path(self.target))
            except OSError:
                pass
            try:
                os.close(fd)
            except OSError:
                pass

    def __del__(self) -> None:
        self.release()


def _same_file(fd: int, path: Path) -> bool:
    """Whether the open file `fd` is still the file at `path`."""
    try:
        a, b = os.fstat(fd), os.stat(path)
    except OSError:
        return False
    return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)
