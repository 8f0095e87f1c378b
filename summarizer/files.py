"""Output files: written whole or not at all, with the permissions a user expects.

``tempfile.mkstemp`` creates files mode 0600 whatever the umask, so a digest
renamed into place from one would be unreadable by the web server that
publishes it. :func:`atomic_write` gives the file ``0666 & ~umask`` (0644
under the usual 022), as ``open()`` would have.
"""

from __future__ import annotations

import os
import tempfile
import threading
from pathlib import Path

_UMASK_LOCK = threading.Lock()


def current_umask() -> int:
    """The process umask (reading it means setting it; the lock keeps that atomic here)."""
    with _UMASK_LOCK:
        mask = os.umask(0o022)
        os.umask(mask)
    return mask


def atomic_write(path: Path, text: str) -> None:
    """Write beside the target, fsync, rename: readers see the old file or the new one."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(handle, 0o666 & ~current_umask())
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def check_writable_file(path: Path) -> str | None:
    """Why ``path`` cannot be written as a file (checked before anything is paid for), or None."""
    path = Path(path)
    if path.is_dir():
        return f"{path}: is a folder; give a file name"
    parent = path.parent
    existing = parent
    while not existing.exists():
        existing = existing.parent
    if not existing.is_dir():
        return f"{path}: {existing} is not a folder"
    if not os.access(existing, os.W_OK | os.X_OK):
        return f"{path}: folder {existing} is not writable"
    if path.exists() and not os.access(path, os.W_OK):
        return f"{path}: file is not writable"
    return None


def check_writable_folder(path: Path) -> str | None:
    """Why ``path`` cannot be used as an output folder, or None."""
    path = Path(path)
    if path.exists() and not path.is_dir():
        return f"{path}: is a file; --out takes a folder"
    existing = path
    while not existing.exists():
        existing = existing.parent
    if not existing.is_dir():
        return f"{path}: {existing} is a file, not a folder"
    if not os.access(existing, os.W_OK | os.X_OK):
        return f"{path}: folder {existing} is not writable"
    return None


def rescue_file(text: str, stem: str = "summarizer-rescued") -> Path:
    """Save paid results that could not go where they were asked to; returns where they went."""
    for folder in (Path.cwd(), Path(tempfile.gettempdir())):
        try:
            handle, name = tempfile.mkstemp(dir=folder, prefix=f"{stem}-", suffix=".out")
        except OSError:
            continue
        os.fchmod(handle, 0o666 & ~current_umask())
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        return Path(name)
    raise OSError("no writable folder for the rescued results")
