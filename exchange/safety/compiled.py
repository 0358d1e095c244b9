"""Large lexicon patterns compiled once per machine, not once per process.

The lexicon becomes a few regular expressions of several megabytes; Python spends most of a
cold start parsing them (tens of seconds), and every server process, command and test
server would pay it again. The compiled form (`re`'s internal code list) is kept in a cache
folder, keyed by the pattern's text and the interpreter's version, and handed back to the
regex engine, which validates it before use. Anything wrong with the cache (missing,
unreadable, another Python) falls back to compiling as usual; the cache is only a speed-up.

`EXCHANGE_REGEX_CACHE` chooses the folder (default: `$XDG_CACHE_HOME/classroom-exchange/regex`,
else `~/.cache/...`); an empty value turns the cache off. The compiled word lists take about
1.7 GB, and every change to them (an upgrade, a moderator-facing list edit in development)
writes a new set beside the old: the folder is kept under `EXCHANGE_REGEX_CACHE_MB` (default
4,000) by removing the entries used least recently (an entry read is marked as used).
"""

from __future__ import annotations

import _sre  # type: ignore[import-not-found]  # why: CPython's regex engine has no stubs
import contextlib
import ctypes
import functools
import hashlib
import io
import logging
import marshal
import os
import pickle
import re
import sys
import tempfile
import time
from pathlib import Path
from re import _compiler, _parser  # type: ignore[attr-defined]  # why: the stubs omit re's private compiler
from typing import Any, Callable, TypeVar

log = logging.getLogger(__name__)
T = TypeVar("T")

SMALL = 50_000  # characters: below this, compiling is quicker than reading a file
BUDGET_MB = 4000.0  # default size limit of the folder (EXCHANGE_REGEX_CACHE_MB)
_ENTRIES = (".marshal", ".pickle", ".txt")


def cache_folder() -> Path | None:
    configured = os.environ.get("EXCHANGE_REGEX_CACHE")
    if configured is not None:
        return Path(configured) if configured else None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "classroom-exchange" / "regex"


# The source kept by a pattern loaded for matching only (``compile_many(..., lean=True)``): a compiled
# lexicon's patterns keep their sources as text too, 120 MB per process that only pickling reads.
# It is no valid regex: a plain pickle of such a pattern fails to load rather than match nothing.
LEAN_SOURCE = "(?# a lexicon pattern loaded without its source)["


def compile_many(sources: list[str], lean: bool = False) -> list[re.Pattern[str]]:
    """`re.compile` of many small patterns, kept in one cache file (keyed by all of them). ``lean``:
    patterns read from the cache keep ``LEAN_SOURCE`` in place of their source text (they match the
    same; they cannot be pickled again)."""
    folder = cache_folder()
    if folder is None or sum(map(len, sources)) < SMALL:
        return [re.compile(s) for s in sources]
    digest = hashlib.sha256(f"{sys.version}\0{_sre.MAGIC}\0many-2\0".encode() + "\0".join(sources).encode()).hexdigest()
    path = folder / f"{digest}.marshal"
    try:
        # one pattern's code list at a time: all of them at once (hundreds of MB of small ints)
        # left the process that much larger for good once freed, in memory it could not hand back
        blobs = marshal.loads(_read(path))
        if len(blobs) != len(sources):
            raise ValueError("entry holds another number of patterns")
        return [
            _sre.compile(LEAN_SOURCE if lean else source, *_record(source, marshal.loads(blob)))
            for source, blob in zip(sources, blobs)
        ]
    except FileNotFoundError:
        pass
    except (OSError, ValueError, EOFError, TypeError, RuntimeError):
        log.warning("regex cache entry %s unusable; compiling", path.name)
    known = _recorded or {}
    states = [_record(source, known.get(source) or _state(source)) for source in sources]
    _write(folder, path, marshal.dumps([marshal.dumps(state) for state in states]))
    return [_sre.compile(source, *state) for source, state in zip(sources, states)]


# While a cached object is built: the compiled code of every pattern compiled for it, so that
# storing it (``_dumps``) does not parse its patterns a second time (minutes for a lexicon).
_State = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]
_recorded: dict[str, _State] | None = None


def _record(source: str, state: _State) -> _State:
    if _recorded is not None:
        _recorded[source] = state
    return state


def _state(source: str) -> _State:
    parsed = _parser.parse(source, 0)
    code = _compiler._code(parsed, 0)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return (int(parsed.state.flags), [int(c) for c in code], parsed.state.groups - 1, groupindex, tuple(indexgroup))


def _write(folder: Path, path: Path, data: bytes) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, delete=False, suffix=".tmp") as tmp:
            tmp.write(data)
        os.replace(tmp.name, path)
    except (OSError, ValueError):
        log.info("regex cache folder %s not writable; building each start", folder)
        return
    prune(folder, keep=path)


def _read(path: Path) -> bytes:
    """An entry's bytes, marking it used (its time is what `prune` keeps the newest of)."""
    data = path.read_bytes()
    with contextlib.suppress(OSError):  # a read-only cache still serves
        os.utime(path)
    return data


def budget_bytes() -> int:
    raw = os.environ.get("EXCHANGE_REGEX_CACHE_MB", "")
    try:
        megabytes = float(raw) if raw.strip() else BUDGET_MB
    except ValueError:
        log.warning("EXCHANGE_REGEX_CACHE_MB=%r is not a number; using %s", raw, BUDGET_MB)
        megabytes = BUDGET_MB
    return int(max(megabytes, 0) * 1_000_000)


def prune(folder: Path, keep: Path | None = None) -> int:
    """Remove the least recently used entries until the folder fits its budget; answer how many.

    Left-over temporary files of a process that died while writing go too (after an hour: a
    process writing one now is never cut off). Another process may prune at the same time: an
    entry already gone is skipped, and a process whose entry went only builds it again."""
    entries: list[tuple[float, int, Path]] = []
    removed = 0
    try:
        listing = list(os.scandir(folder))
    except OSError:
        return 0
    for item in listing:
        try:
            info = item.stat()
        except OSError:
            continue
        path = Path(item.path)
        if item.name.endswith(".tmp"):
            if info.st_mtime < _now() - 3600:
                removed += _remove(path)
            continue
        if item.name.endswith(_ENTRIES) and path != keep:
            entries.append((info.st_mtime, info.st_size, path))
    total = sum(size for _, size, _ in entries)
    if keep is not None:
        with contextlib.suppress(OSError):
            total += keep.stat().st_size
    budget = budget_bytes()
    for _, size, path in sorted(entries):
        if total <= budget:
            break
        removed += _remove(path)
        total -= size
    if removed:
        log.info("regex cache: removed %d least recently used entries (budget %d MB)", removed, budget // 1_000_000)
    return removed


def _remove(path: Path) -> int:
    try:
        path.unlink()
        return 1
    except OSError:
        return 0


def hand_back_freed_memory() -> None:
    """Return the memory freed while loading the lexicons to the system. glibc keeps freed pages
    for the process otherwise: about 80 MB of each server process after ``warm_up``. A no-op
    where the C library has no ``malloc_trim`` (musl, macOS, Windows)."""
    try:
        trim = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError, TypeError):
        return
    trim(0)


def _now() -> float:
    """File times are compared with the file system's clock: the one place the real time is read."""
    return time.time()


def compile_pattern(source: str) -> re.Pattern[str]:
    """`re.compile(source)`, from the cache when this machine compiled it before."""
    folder = cache_folder()
    if len(source) < SMALL or folder is None:
        return re.compile(source)
    digest = hashlib.sha256(f"{sys.version}\0{_sre.MAGIC}\0{source}".encode()).hexdigest()
    path = folder / f"{digest}.marshal"
    try:
        state = marshal.loads(_read(path))
        pattern: re.Pattern[str] = _sre.compile(source, *_record(source, state))
        return pattern
    except FileNotFoundError:
        pass
    except (OSError, ValueError, EOFError, TypeError, RuntimeError):
        log.warning("regex cache entry %s unusable; compiling", path.name)
    state = _record(source, _state(source))
    pattern = _sre.compile(source, *state)
    _write(folder, path, marshal.dumps(state))
    return pattern


def cached_text(key: str, build: Callable[[], str]) -> str:
    """`build()`, from the cache when this machine built it for the same key before."""
    folder = cache_folder()
    if folder is None:
        return build()
    digest = hashlib.sha256(f"{sys.version}\0text\0{key}".encode()).hexdigest()
    path = folder / f"{digest}.txt"
    try:
        return _read(path).decode("utf-8")
    except FileNotFoundError:
        pass
    except (OSError, UnicodeDecodeError):
        log.warning("regex cache entry %s unreadable; building", path.name)
    text = build()
    _write(folder, path, text.encode("utf-8"))
    return text


def cached_object(key: str, build: Callable[[], T]) -> T:
    """`build()`, from the cache when this machine built it for the same key and the same filter code
    before (a pickle in the cache folder, which only this user writes, like the compiled regexes)."""
    folder = cache_folder()
    if folder is None:
        return build()
    digest = hashlib.sha256(f"{sys.version}\0object\0{_code_version()}\0{key}".encode()).hexdigest()
    path = folder / f"{digest}.pickle"
    try:
        return _loads(_read(path))  # type: ignore[return-value]  # the object this key stored
    except FileNotFoundError:
        pass
    except Exception:  # noqa: BLE001 - anything wrong with a cache entry: build it again
        log.warning("regex cache entry %s unreadable; building", path.name)
    global _recorded
    outer = _recorded
    _recorded = {} if outer is None else outer
    try:
        value = build()
        try:
            data = _dumps(value)
        except (pickle.PicklingError, TypeError, AttributeError):
            log.info("cache entry %s: value not picklable; building each start", path.name)
            return value
    finally:
        _recorded = outer
    _write(folder, path, data)
    return value


# Compiled patterns inside a cached object are stored as their sources and compiled back with
# `compile_many`, whose own cache entry holds their compiled code: plain pickle would parse
# every pattern again (seconds for a lexicon's thousands of them).


class _PatternPickler(pickle.Pickler):
    def __init__(self, file: io.BytesIO, sources: list[str]) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.sources = sources
        self.seen: dict[int, int] = {}

    def persistent_id(self, obj: object) -> int | None:
        if isinstance(obj, re.Pattern) and isinstance(obj.pattern, str) and obj.flags == re.UNICODE:
            if obj.pattern == LEAN_SOURCE:
                raise pickle.PicklingError("a pattern loaded without its source cannot be stored again")
            if id(obj) not in self.seen:
                self.seen[id(obj)] = len(self.sources)
                self.sources.append(obj.pattern)
            return self.seen[id(obj)]
        return None


class _PatternUnpickler(pickle.Unpickler):
    def __init__(self, file: io.BytesIO, patterns: list[re.Pattern[str]]) -> None:
        super().__init__(file)
        self.patterns = patterns

    def persistent_load(self, pid: Any) -> re.Pattern[str]:
        return self.patterns[int(pid)]


def _dumps(value: object) -> bytes:
    sources: list[str] = []
    payload = io.BytesIO()
    _PatternPickler(payload, sources).dump(value)
    compile_many(sources)  # writes their compiled code now, so the next process only loads it
    return pickle.dumps((sources, payload.getvalue()), protocol=pickle.HIGHEST_PROTOCOL)


def _loads(data: bytes) -> object:
    sources, payload = pickle.loads(data)
    return _PatternUnpickler(io.BytesIO(payload), compile_many(sources, lean=True)).load()


@functools.lru_cache(maxsize=1)
def _code_version() -> str:
    """A digest of the filter's own source: a cached object built by other code is never reused."""
    here = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for source in sorted(here.glob("*.py")):
        digest.update(source.name.encode() + b"\0" + source.read_bytes())
    return digest.hexdigest()
