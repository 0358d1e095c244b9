"""`python -m exchange.i18n extract|update|compile|check|init` (see scripts/i18n)."""

from __future__ import annotations

import sys

from . import catalogues

USAGE = "usage: scripts/i18n extract | update | compile | check [LANG...] | init LANG"


def main(argv: list[str]) -> int:
    if not argv:
        print(USAGE, file=sys.stderr)
        return 2
    command, rest = argv[0], argv[1:]
    if command == "extract":
        catalogues.extract()
    elif command == "update":
        catalogues.update()
    elif command == "compile":
        built = catalogues.compile_all(force=True)
        print("compiled:", " ".join(built) or "nothing")
    elif command == "init" and len(rest) == 1:
        print("created", catalogues.new_catalogue(rest[0]).relative_to(catalogues.ROOT))
    elif command == "check":
        bad = False
        for lang in rest or catalogues.languages():
            if lang not in catalogues.languages():
                print(f"{lang}: no catalogue (scripts/i18n init {lang})", file=sys.stderr)
                bad = True
                continue
            r = catalogues.check(lang)
            print(
                f"{lang}: {r.translated}/{r.total} translated ({r.percent:.1f} %), "
                f"{len(r.missing)} missing, {len(r.broken)} broken placeholders, {len(r.stale)} not in the template"
            )
            for line in r.broken:
                print("   broken:", line)
            bad = bad or bool(r.missing or r.broken)
        return 1 if bad else 0
    else:
        print(USAGE, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
