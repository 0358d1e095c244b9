"""The regex cache (`exchange.safety.compiled`): a cached object comes back whole, its patterns
compiled from the cache, and a cache that is missing or broken only costs a build."""

from __future__ import annotations

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
    assert second["n"] == 7 and first["big"].pattern == second["big"].pattern


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
