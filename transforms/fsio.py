"""Small file helpers over Beam ``FileSystems``, so the same code writes a local folder, gs:// or s3://.

Object stores have no folders: ``ensure_parent`` only makes folders where the file system has them, and
``list_under`` lists by prefix. Renames on object stores are copy-then-delete, still whole per object.
"""
from __future__ import annotations

import posixpath
from typing import List

from apache_beam.io.filesystems import FileSystems


def join_path(root: str, *parts: str) -> str:
    return FileSystems.join(root, *parts) if "://" in root else posixpath.join(root, *parts)


def has_dirs(path: str) -> bool:
    return FileSystems.get_filesystem(path).has_dirs()


def parent(path: str) -> str:
    return FileSystems.split(path)[0]


def ensure_parent(path: str) -> None:
    """Create the folder that will hold ``path`` (no-op on object stores)."""
    folder = parent(path)
    if has_dirs(path) and not FileSystems.exists(folder):
        try:
            FileSystems.mkdirs(folder)
        except IOError:  # another worker made it first
            if not FileSystems.exists(folder):
                raise


def list_under(prefix: str) -> List[str]:
    """Every file below ``prefix`` (recursively), sorted; [] when there is none."""
    pattern = join_path(prefix, "**")
    try:
        results = FileSystems.match([pattern])
    except Exception:  # BeamIOError when the prefix does not exist on some file systems
        return []
    return sorted(m.path for r in results for m in r.metadata_list)


def read_bytes(path: str) -> bytes:
    with FileSystems.open(path, mime_type="application/octet-stream") as handle:
        return handle.read()


def write_bytes(path: str, data: bytes) -> None:
    ensure_parent(path)
    with FileSystems.create(path, mime_type="application/octet-stream") as handle:
        handle.write(data)


def write_atomic(path: str, data: bytes) -> None:
    """Write ``data`` whole: to ``path + '.tmp'``, then renamed over ``path``."""
    temp = path + ".tmp"
    write_bytes(temp, data)
    if FileSystems.exists(path):
        FileSystems.delete([path])
    FileSystems.rename([temp], [path])


def delete_tree(prefix: str) -> int:
    """Delete every file below ``prefix`` and, where folders exist, the folder itself; returns files deleted."""
    files = list_under(prefix)
    if files:
        FileSystems.delete(files)
    if has_dirs(prefix) and FileSystems.exists(prefix):
        FileSystems.delete([prefix])
    return len(files)
