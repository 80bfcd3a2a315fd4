"""Find the inputs behind the paths a user gives: files, folders (recursive) and the bundled
sample corpus. This is the file-system edge of ingest."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib.resources import as_file, files
from pathlib import Path

from tollwatch.errors import SourceUnavailable, UnreadableInput
from tollwatch.ingest.readers import EXTENSIONS, format_for
from tollwatch.ingest.records import Rejection

__all__ = ["Input", "expand_paths", "read_bytes", "sample_dir", "sample_paths"]


@dataclass(frozen=True, slots=True)
class Input:
    """One file to read and the format to read it as."""

    path: Path
    format: str


def read_bytes(path: Path) -> bytes:
    """The bytes of ``path``; ``SourceUnavailable`` naming the path when it cannot be read."""
    try:
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise SourceUnavailable(f"{path}: no such file") from exc
    except IsADirectoryError as exc:
        raise SourceUnavailable(f"{path}: is a directory") from exc
    except OSError as exc:
        raise SourceUnavailable(f"{path}: cannot be read ({exc.strerror})") from exc


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def _not_a_file(path: Path) -> str | None:
    """Why ``path`` (not a folder) cannot be read as a file, or None if it can."""
    try:
        if path.is_symlink() and not path.exists():
            return f"dangling symbolic link (to {os.readlink(path)}): its target does not exist"
        mode = path.stat().st_mode
    except OSError as exc:
        return f"cannot be examined ({exc.strerror})"
    if stat.S_ISREG(mode):
        return None
    kind = (
        "a FIFO (named pipe)"
        if stat.S_ISFIFO(mode)
        else "a socket"
        if stat.S_ISSOCK(mode)
        else "a device"
        if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
        else "not a regular file"
    )
    return f"{kind}, not a file: not read"


def _special(path: Path, fmt: str | None) -> Rejection | None:
    why = _not_a_file(path)
    if why is None:
        return None
    return Rejection(str(path), None, SourceUnavailable(f"{path}: {why}"), None, fmt)


def expand_paths(paths: Iterable[Path], fmt: str | None = None) -> Iterator[Input | Rejection]:
    """Files to ingest, in a stable order: each file given, and every file under each folder
    (recursively, sorted, hidden files and folders skipped). A path that does not exist, a
    dangling symbolic link, a FIFO, socket or device (never read: a FIFO would block), or a
    file whose type is unknown (and no ``fmt`` forces one), becomes a Rejection."""
    for path in paths:
        if path.is_dir():
            children = sorted(p for p in path.rglob("*") if not p.is_dir() and not _hidden(p, path))
            for child in children:
                yield _special(child, fmt) or _classify(child, fmt)
        elif path.exists() or path.is_symlink():
            yield _special(path, fmt) or _classify(path, fmt)
        else:
            err = SourceUnavailable(f"no such file or folder: {path}")
            yield Rejection(str(path), None, err, None, fmt)


def _classify(path: Path, fmt: str | None) -> Input | Rejection:
    chosen = fmt or format_for(path.name)
    if chosen is None:
        known = ", ".join(sorted(EXTENSIONS))
        err = UnreadableInput(
            f"unknown file type {path.suffix or '(no extension)'!r}",
            hint=f"known: {known}; or read it with --format txt|md|html|jsonl|csv",
        )
        return Rejection(str(path), None, err, None, None)
    return Input(path, chosen)


@contextmanager
def sample_dir() -> Iterator[Path]:
    """The bundled sample corpus as a folder on disk (extracted if the package is zipped)."""
    with as_file(files("tollwatch").joinpath("data", "sample")) as path:
        yield Path(path)


def sample_paths(folder: Path) -> list[Path]:
    """The sample corpus files in ``folder`` (its README.md describes them and is skipped)."""
    return sorted(
        p
        for p in folder.iterdir()
        if p.is_file() and p.name != "README.md" and format_for(p.name) is not None
    )
