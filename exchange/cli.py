"""The `exchange` command. Eventlet is imported and monkey-patched here only, for `serve`,
before anything else loads: every other command and every import of the package stays
free of eventlet (it is in bugfix-only mode and recent pymongo does not support it).

Eventlet warns about that on import with a block of text on stderr; people running `exchange`
can do nothing about it, so it is filtered here and `serve` logs one line instead. The same goes
for dnspython (imported by eventlet and pymongo): with a recent `cryptography` its DNSSEC module
warns on import that DSA is deprecated, which no one running `exchange` can change."""

from __future__ import annotations

import logging
import os
import sys
import warnings

# The message of eventlet's EventletDeprecationWarning (its class exists only once eventlet is imported).
EVENTLET_DEPRECATED = r"\s*Eventlet is deprecated"
# cryptography's CryptographyDeprecationWarning when dnspython loads its DSA support
DSA_DEPRECATED = r"DSA is deprecated"


def patch_for_eventlet() -> None:
    """Eventlet's monkey-patching, before anything else loads (its deprecation text filtered)."""
    warnings.filterwarnings("ignore", message=EVENTLET_DEPRECATED, category=Warning)
    import eventlet  # why: only `serve` in eventlet mode loads eventlet at all

    eventlet.monkey_patch()


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    warnings.filterwarnings("ignore", message=DSA_DEPRECATED, category=Warning)  # dnspython, see above
    if argv[:1] == ["serve"] and (os.environ.get("EXCHANGE_ASYNC_MODE") or "eventlet") == "eventlet":
        patch_for_eventlet()
    if argv[:1] != ["serve"]:
        # A command answers in its own words (one line for an error); the server's INFO log lines
        # are for `serve`. Warnings and errors still show.
        logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    from .commands import cli  # why: after the monkey-patching, so that everything loads patched

    cli.main(args=argv, prog_name="exchange")


if __name__ == "__main__":
    main()
