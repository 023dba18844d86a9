"""Full-page screenshots of the main page types at a phone's and a laptop's width, from a
throwaway production-like copy of the demo site (tools/demo_site.py), with Debian's Chromium
through Playwright.

    make screenshots
    .venv/bin/python -m tools.screenshots --widths 320,1280 --output /tmp/shots

Writes ``<page>-<width>.png`` into ``screenshots/`` (not committed) and prints each file's name.
"""

import argparse
import sys

from tools.demo_site import CHROMIUM, REPO, DemoSite, SiteError

# The pages issue 31 asks for: the demo items the browser tests also use.
PAGES = {
    "home": "/",
    "organisation": "/organisationer/tillvaxtverket/",
    "programme": "/program/jamstalld-regional-tillvaxt-2016-2018/",
    "publication-list": "/publikationer/",
    "publication": "/publikationer/jamstalld-tillvaxt-handlingsplan-2016-2018/",
}
WIDTHS = (375, 1280)
HEIGHT = 800
# shared/BROWSER-TESTS.md: without the background-networking flags Chromium keeps trying to
# reach the internet.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def take(base, output, widths):
    """Write the screenshots; the paths written."""
    from playwright.sync_api import sync_playwright

    output.mkdir(parents=True, exist_ok=True)
    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            for width in widths:
                context = browser.new_context(
                    viewport={"width": width, "height": HEIGHT}, locale="sv-SE"
                )
                page = context.new_page()
                for name, path in PAGES.items():
                    response = page.goto(base + path, wait_until="networkidle")
                    if response is None or response.status != 200:
                        status = response.status if response else "no response"
                        raise SiteError(f"{path} answered {status}, not 200")
                    target = output / f"{name}-{width}.png"
                    page.screenshot(path=str(target), full_page=True)
                    written.append(target)
                context.close()
        finally:
            browser.close()
    return written


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--widths",
        default=",".join(str(width) for width in WIDTHS),
        help="Comma-separated viewport widths in CSS pixels (default: 375,1280).",
    )
    parser.add_argument(
        "--output", default="screenshots", help="Folder for the PNG files (default: screenshots/)."
    )
    args = parser.parse_args(argv)
    try:
        widths = [int(item) for item in args.widths.split(",") if item.strip()]
    except ValueError:
        parser.error("--widths takes whole numbers, e.g. 375,1280")
    if not widths or min(widths) < 200:
        parser.error("--widths takes at least one width of 200 px or more")
    if not CHROMIUM.exists():
        print(f"{CHROMIUM} is missing: apt-get install chromium", file=sys.stderr)
        return 2
    output = REPO / args.output
    try:
        with DemoSite() as site:
            written = take(site.base, output, widths)
    except SiteError as error:
        print(f"\n{error}", file=sys.stderr)
        return 2
    for path in written:
        print(path.relative_to(REPO) if path.is_relative_to(REPO) else path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
