"""The BlobStore contract on local disk and on GridFS.

Uploads from pupils end up here: ids must be unguessable and never derived from the file
name, and no id a client sends may reach outside the store.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from storage_fixtures import mongo_client, mongo_db  # noqa: E402,F401

from exchange.storage.disk_blobs import DiskBlobStore  # noqa: E402
from exchange.storage.interfaces import BLOB_ID_RE, BlobNotFound  # noqa: E402
from exchange.storage.mongo import GridFSBlobStore  # noqa: E402

TRAVERSAL_IDS = [
    "../../etc/passwd",
    "a/b",
    "",
    "..",
    ".",
    "/etc/passwd",
    "../secret",
    "..%2F..%2Fsecret",
    "A" * 31 + "/",
    "A" * 31 + "\x00",
    "A" * 33,
    "ÅAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    None,
    12345,
]


@pytest.fixture(params=["disk", "gridfs"])
def store(request, tmp_path):
    if request.param == "disk":
        return DiskBlobStore(tmp_path / "blobs")
    return GridFSBlobStore(request.getfixturevalue("mongo_db"))


def test_round_trip(store):
    data = bytes(range(256)) * 3 + b"\x00\r\n"
    blob_id = store.put(data, content_type="application/pdf", filename="worksheet.pdf")
    assert store.get(blob_id) == data
    assert store.exists(blob_id)
    empty = store.put(b"", content_type="text/plain", filename="empty.txt")
    assert store.get(empty) == b"" and store.exists(empty)


def test_ids_are_random_and_not_derived_from_the_name(store):
    ids = [store.put(b"same bytes", content_type="image/png", filename="Maja Hansen 7B.png") for _ in range(25)]
    assert len(set(ids)) == 25
    assert all(BLOB_ID_RE.fullmatch(i) for i in ids)
    # Nothing of the name or its extension (a random id may contain three letters like "png" by chance).
    assert not any("hansen" in i.lower() or "." in i for i in ids)


def test_unknown_id_is_not_found(store):
    store.put(b"x", content_type="text/plain", filename="x.txt")
    unknown = "A" * 32
    with pytest.raises(BlobNotFound):
        store.get(unknown)
    assert not store.exists(unknown)
    store.delete(unknown)  # deleting what is not there is a no-op


@pytest.mark.parametrize("bad_id", TRAVERSAL_IDS)
def test_malformed_and_traversal_ids_are_not_found(store, bad_id, tmp_path):
    (tmp_path / "secret").write_bytes(b"outside the store")
    with pytest.raises(BlobNotFound):
        store.get(bad_id)
    assert store.exists(bad_id) is False
    with pytest.raises(BlobNotFound):
        store.delete(bad_id)
    assert (tmp_path / "secret").read_bytes() == b"outside the store"


def test_delete(store):
    keep = store.put(b"keep", content_type="text/plain", filename="k.txt")
    gone = store.put(b"gone", content_type="text/plain", filename="g.txt")
    store.delete(gone)
    assert not store.exists(gone)
    with pytest.raises(BlobNotFound):
        store.get(gone)
    store.delete(gone)
    assert store.get(keep) == b"keep"


def test_large_blob(store):
    data = os.urandom(5 * 1024 * 1024 + 17)
    blob_id = store.put(data, content_type="video/mp4", filename="field-trip.mp4")
    assert store.get(blob_id) == data


def test_disk_layout_and_permissions(tmp_path):
    """Only the server account may read uploads; no half-written temp files stay behind."""
    root = tmp_path / "blobs"
    store = DiskBlobStore(root)
    blob_id = store.put(b"private", content_type="image/jpeg", filename="class photo.jpg")
    path = root / blob_id[:2] / blob_id[2:4] / blob_id
    assert path.read_bytes() == b"private"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert [p.name for p in path.parent.iterdir()] == [blob_id]
    assert not any(p.name.startswith(".tmp-") for p in root.rglob("*"))


def test_gridfs_keeps_type_and_name_as_metadata_only(mongo_db):
    store = GridFSBlobStore(mongo_db)
    blob_id = store.put(b"%PDF-1.7", content_type="application/pdf", filename="Omar's homework.pdf")
    doc = mongo_db["blobs.files"].find_one({"_id": blob_id})
    assert doc["metadata"] == {"content_type": "application/pdf", "filename": "Omar's homework.pdf"}
    assert doc["filename"] == blob_id
