"""File blobs on local disk, the embedded default: root/ab/cd/<id>, written atomically.

Ids are random and checked against a strict pattern before any path is built, so no id can
name a file outside the root. Files are 0600, folders 0700: only the server reads them.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .interfaces import BlobNotFound, check_blob_id, new_blob_id

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


class DiskBlobStore:
    """content_type and filename are not kept here: the files domain's own rows hold them."""

    def __init__(self, root: Path | str) -> None:
        self.root = Path(root)
        self.root.mkdir(mode=0o700, parents=True, exist_ok=True)

    def _path(self, blob_id: str) -> Path:
        blob_id = check_blob_id(blob_id)
        return self.root / blob_id[:2] / blob_id[2:4] / blob_id

    def put(self, data: bytes, *, content_type: str, filename: str) -> str:
        blob_id = new_blob_id()
        while self._path(blob_id).exists():  # 192 random bits: a formality
            blob_id = new_blob_id()
        path = self._path(blob_id)
        self._make_dirs(path.parent)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")  # mkstemp creates 0600
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        _fsync_dir(path.parent)  # the rename itself must survive a power cut
        return blob_id

    def _make_dirs(self, folder: Path) -> None:
        """Create ab/ and ab/cd/ as needed, syncing each new entry into its parent."""
        for sub in (folder.parent, folder):
            if not sub.is_dir():
                sub.mkdir(mode=0o700, exist_ok=True)
                _fsync_dir(sub.parent)

    def get(self, blob_id: str) -> bytes:
        path = self._path(blob_id)
        try:
            fd = os.open(path, os.O_RDONLY | _NOFOLLOW)
        except (FileNotFoundError, NotADirectoryError):
            raise BlobNotFound(blob_id) from None
        with os.fdopen(fd, "rb") as f:
            return f.read()

    def delete(self, blob_id: str) -> None:
        path = self._path(blob_id)
        try:
            path.unlink()
        except FileNotFoundError:
            return
        _fsync_dir(path.parent)

    def exists(self, blob_id: str) -> bool:
        try:
            return self._path(blob_id).is_file()
        except BlobNotFound:
            return False


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
