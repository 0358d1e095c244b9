"""The regex cache (`exchange.safety.compiled`): a cached object comes back whole, its patterns
compiled from the cache, and a cache that is missing or broken only costs a build."""

from __future__ import annotations

import os
import re

import pytest

from exchange.safety import compiled


@pytest.fixture()
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("EXCHANGE_REGEX_CACHE", str(tmp_path))
    return tmp_path


def _value():
    big = "(?:" + "|".join(f"word{i}x" for i in range(6000)) + ")"  # above compiled.SMALL
    shared = re.compile(r"\bhello\b")
    return {"big": re.compile(big), "small": shared, "again": shared, "flagged": re.compile("abc", re.I), "n": 7}


def test_a_cached_object_comes_back_with_working_patterns(cache_dir):
    built = []
    first = compiled.cached_object("test-key", lambda: built.append(1) or _value())
    second = compiled.cached_object("test-key", lambda: built.append(1) or _value())
    assert built == [1]  # the second came from the cache
    assert second["big"].search("say word5999x now").group() == "word5999x"
    assert second["small"].search("hello there") and second["small"] is second["again"]
    assert second["flagged"].flags & re.I and second["flagged"].search("ABC")
    assert second["n"] == 7
    # loaded for matching only: the source text is not kept (120 MB of a server's lexicon)
    assert second["big"].pattern == compiled.LEAN_SOURCE != first["big"].pattern


def test_a_pattern_loaded_without_its_source_is_never_stored_again(cache_dir):
    compiled.cached_object("test-key", _value)
    loaded = compiled.cached_object("test-key", _value)
    built = []
    for _ in range(2):
        again = compiled.cached_object("other-key", lambda: built.append(1) or {"big": loaded["big"]})
    assert built == [1, 1]  # nothing stored: the pattern has no source to store
    assert again["big"].search("say word5999x now").group() == "word5999x"


def test_a_broken_cache_entry_is_built_again(cache_dir):
    compiled.cached_object("broken-key", _value)
    for entry in cache_dir.glob("*.pickle"):
        entry.write_bytes(b"not a pickle")
    built = []
    value = compiled.cached_object("broken-key", lambda: built.append(1) or _value())
    assert built == [1] and value["small"].search("hello")


def test_no_cache_folder_builds_each_time(monkeypatch):
    monkeypatch.setenv("EXCHANGE_REGEX_CACHE", "")
    built = []
    compiled.cached_object("k", lambda: built.append(1) or 1)
    compiled.cached_object("k", lambda: built.append(1) or 1)
    assert built == [1, 1]


def _entry(folder, name: str, size: int, mtime: float):
    path = folder / name
    path.write_bytes(b"x" * size)
    os.utime(path, (mtime, mtime))
    return path


def test_the_folder_is_kept_under_its_budget_least_recently_used_first(cache_dir, monkeypatch):
    """Each change to the word lists writes a new set of entries (1.7 GB for the real lexicon):
    without a limit the folder grew by that much at every change."""
    source = "(?:" + "|".join(f"word{i}y" for i in range(6000)) + ")"
    elsewhere = cache_dir / "elsewhere"
    monkeypatch.setenv("EXCHANGE_REGEX_CACHE", str(elsewhere))
    compiled.compile_pattern(source)
    size = next(elsewhere.glob("*.marshal")).stat().st_size  # what the write below adds
    monkeypatch.setenv("EXCHANGE_REGEX_CACHE", str(cache_dir))
    monkeypatch.setenv("EXCHANGE_REGEX_CACHE_MB", str((size + 150_000) / 1_000_000))
    oldest = _entry(cache_dir, "a" * 64 + ".marshal", 100_000, 1_000)
    used = _entry(cache_dir, "b" * 64 + ".pickle", 100_000, 2_000)
    stale_tmp = _entry(cache_dir, "tmpabc.tmp", 10, 0)
    unrelated = _entry(cache_dir, "notes.md", 10, 0)
    compiled.compile_pattern(source)
    assert len([p for p in cache_dir.glob("*.marshal") if p != oldest]) == 1  # the new entry stays
    assert not oldest.exists() and used.exists()  # the least recently used went first
    assert not stale_tmp.exists() and unrelated.exists()
    assert sum(p.stat().st_size for p in cache_dir.glob("*.*") if p.suffix != ".md") <= size + 150_000


def test_reading_an_entry_marks_it_used(cache_dir, monkeypatch):
    source = "(?:" + "|".join(f"word{i}z" for i in range(6000)) + ")"
    compiled.compile_pattern(source)
    (entry,) = cache_dir.glob("*.marshal")
    os.utime(entry, (1_000, 1_000))
    size = entry.stat().st_size
    older = _entry(cache_dir, "c" * 64 + ".marshal", size, 2_000)  # used after it, before the read
    compiled.compile_pattern(source)  # from the cache: now the newest
    assert entry.stat().st_mtime > older.stat().st_mtime
    monkeypatch.setenv("EXCHANGE_REGEX_CACHE_MB", str(size * 1.5 / 1_000_000))
    assert compiled.prune(cache_dir) == 1
    assert entry.exists() and not older.exists()


def test_a_budget_that_is_not_a_number_falls_back_to_the_default(monkeypatch):
    monkeypatch.setenv("EXCHANGE_REGEX_CACHE_MB", "lots")
    assert compiled.budget_bytes() == int(compiled.BUDGET_MB * 1_000_000)
