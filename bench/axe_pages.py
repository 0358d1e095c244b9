"""axe-core figures per page: every page of every demo role, as tests/e2e/test_accessibility.py walks them.

Starts the real server (demo data) on a free loopback port, creates the platform administrator,
logs in as each role in headless Chromium and runs axe-core (WCAG 2.0/2.1/2.2 A and AA rules and
the best practices) on each page the role can open: the same page list and the same code as the
test. Writes the table of violations per page (nodes, by impact) to bench/axe.md and prints it.

    python bench/axe_pages.py [--out bench/axe.md]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "tests" / "e2e")]

from conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from support import ServerProcess, suite_now  # noqa: E402
from test_accessibility import AXE_TAGS, audit_all, table  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "bench" / "axe.md"))
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    srv = ServerProcess().start()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                results = audit_all(browser, srv)
            finally:
                browser.close()
    finally:
        srv.stop()
    text = (
        "# axe-core per page (issue 17, WCAG 2.2 AA)\n\n"
        f"Written by `python bench/axe_pages.py` (demo data, suite clock {suite_now():%Y-%m-%d}); "
        f"rules tagged {', '.join(AXE_TAGS)}. Figures are nodes in violation, by impact; "
        "the test (tests/e2e/test_accessibility.py) fails on any critical or serious one.\n\n" + table(results) + "\n"
    )
    Path(args.out).write_text(text, encoding="utf-8")
    print(text)
    return 1 if any(r.serious for r in results) else 0


if __name__ == "__main__":
    raise SystemExit(main())
