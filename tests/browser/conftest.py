"""Real-browser tests: Playwright drives Debian's Chromium against pytest-django's live_server.

Without Chromium (``CHROMIUM_PATH``, default ``/usr/bin/chromium``) every test in this folder is
skipped, and the summary says in one line how to enable them; without ``node_modules/axe-core``
(``npm ci``) only the accessibility checks are; without Playwright itself they are not
collected. Tests here carry the ``browser`` marker: ``pytest -m "not browser"`` leaves them out.
With ``REQUIRE_BROWSER_TESTS`` set (CI sets it), a missing tool fails them instead of skipping.

The live server is a thread of this process: it sees the test database, and it serves
``MEDIA_URL`` from ``settings.MEDIA_ROOT`` as it is at request time (Django's ``LiveServerThread``
wraps the application in ``_MediaFilesHandler``), so uploads land in the temporary folder of the
autouse ``media_root`` fixture and the browser still loads them, with no change to ``urls.py``.
"""

import importlib.util
import os
from pathlib import Path

import pytest

# Playwright's sync API keeps an event loop running in the test thread; Django refuses ORM calls
# made beside a running loop unless told it is safe. It is: the loop never runs Django code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS_DIR = Path(os.environ.get("SCREENSHOTS_DIR", ROOT / "screenshots")).resolve()

CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TIMEOUT_MS = 10_000  # a local page that takes longer than this is a failure, not a slow test

NO_BROWSER = "browser tests need Chromium: apt-get install chromium (and npm ci for axe-core)"
NO_PLAYWRIGHT = "browser tests need Playwright: pip install -r requirements-dev.txt"
NO_AXE = "accessibility tests need axe-core: npm ci"

# Without Playwright (requirements-dev.txt not installed) the test modules cannot even be
# imported: leave them out, and say so once at the end of the run.
PLAYWRIGHT_MISSING = importlib.util.find_spec("playwright") is None
collect_ignore_glob = ["test_*.py"] if PLAYWRIGHT_MISSING else []

axe_findings_key = pytest.StashKey[list]()
screenshots_key = pytest.StashKey[list]()


def _why_not_runnable():
    if PLAYWRIGHT_MISSING or importlib.util.find_spec("pytest_playwright") is None:
        return NO_PLAYWRIGHT
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        if "CHROMIUM_PATH" in os.environ:
            return f"{NO_BROWSER}; CHROMIUM_PATH={CHROMIUM} is not an executable"
        return NO_BROWSER
    return None


def _in_this_folder(item):
    return HERE in Path(item.path).parents


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    # Called with every collected item of the run, not only this folder's.
    browser_items = [item for item in items if _in_this_folder(item)]
    for item in browser_items:
        item.add_marker(pytest.mark.browser)
    # These tests empty the database when they end (they are transactional, for the live
    # server), so they must run after every test that expects the migrated rows. pytest-django
    # orders them so, but pytest then regroups tests by pytest-playwright's session-scoped
    # ``browser_name`` parameter, which brought them back among the others. Put them last.
    items[:] = [item for item in items if not _in_this_folder(item)] + browser_items


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    # Skipped here, before any fixture starts a server or a browser. The skip is raised from this
    # one line, so pytest's summary folds every skipped test into a single line.
    reason = _why_not_runnable() or (
        NO_AXE if "axe" in item.fixturenames and not AXE_SCRIPT.is_file() else None
    )
    if reason and os.environ.get("REQUIRE_BROWSER_TESTS"):
        # CI sets this: there a missing browser is a broken set-up, not a reason to skip.
        pytest.fail(f"REQUIRE_BROWSER_TESTS is set but {reason}", pytrace=False)
    if reason:
        pytest.skip(reason)


def pytest_terminal_summary(terminalreporter, config):
    if PLAYWRIGHT_MISSING:
        terminalreporter.write_line(f"tests/browser not collected: {NO_PLAYWRIGHT}")
    shots = config.stash.get(screenshots_key, [])
    if shots:
        terminalreporter.write_line(f"Screenshots ({len(shots)}) written to {SCREENSHOTS_DIR}")
    findings = config.stash.get(axe_findings_key, [])
    if findings:
        terminalreporter.write_line(
            f"axe-core: {len(findings)} minor or moderate finding(s), not failures:"
        )
        for line in findings:
            terminalreporter.write_line(f"  {line}")


@pytest.fixture(autouse=True)
def _restore_migrated_rows(django_db_serialized_rollback):
    """The live server only sees committed rows, so these tests use transactions, and the
    database is emptied after each. Serialized rollback puts back what migrations made (the
    Editors group and its permissions) before the next test."""


@pytest.fixture(autouse=True)
def _jobs_run_at_once(settings):
    """Queued jobs (bulk uploads, videos) run as soon as they are queued, in the live server's
    thread: what the worker would do, without a worker process to start."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _forget_cached_renditions():
    """imagekit remembers in the cache which renditions exist. Each test has a new, empty
    MEDIA_ROOT, so a file name remembered from an earlier test would never be written again
    (same slug, same content: same rendition name) and the page would link to a missing file."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()


@pytest.fixture(scope="session")
def _test_thread_connections():
    """This thread's database connections, taken before Playwright starts (see below)."""
    from django.db import connections

    return {alias: connections[alias] for alias in connections}


@pytest.fixture(scope="session")
def playwright(_test_thread_connections, live_server, playwright):
    """The live server starts first, so it stops last, after the browser has closed its
    connections to it.

    Playwright's sync API leaves an asyncio loop marked as running in this thread. Django's
    connection store (asgiref's thread-critical ``Local``) then hands the thread new, empty
    connection objects: not the one the live server shares for in-memory SQLite (two
    connections to it can lock each other's tables), nor the one holding the serialized data
    that serialized rollback restores. Give the thread back its own connections."""
    from django.db import connections

    for alias, connection in _test_thread_connections.items():
        connections[alias] = connection
    return playwright


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def base_url(live_server):
    """``page.goto("/en/")`` goes to the live server."""
    return live_server.url


@pytest.fixture
def open_page(new_context):
    """``open_page(locale="fr-FR", viewport=(390, 844), scale=3)``: a page in a fresh browser
    context (its own cookies), for a visitor whose browser asks for ``locale``, on a screen with
    ``scale`` device pixels per CSS pixel."""

    def _open(locale="en-GB", viewport=(1366, 900), scale=1):
        context = new_context(
            locale=locale,
            viewport={"width": viewport[0], "height": viewport[1]},
            device_scale_factor=scale,
        )
        context.set_default_timeout(TIMEOUT_MS)
        return context.new_page()

    return _open


@pytest.fixture(scope="session")
def axe_source():
    return AXE_SCRIPT.read_text(encoding="utf-8")


@pytest.fixture
def axe(axe_source, request):
    """``axe(page)``: run axe-core on the page; return its violations.

    The script's text is evaluated in the page rather than added as a ``<script>``, which the
    site's Content-Security-Policy (``script-src 'self'``) would block. Minor and moderate
    findings are printed, and listed again at the end of the run.
    """

    def _check(page):
        page.evaluate(axe_source)
        result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        violations = result["violations"]
        findings = request.config.stash.setdefault(axe_findings_key, [])
        for violation in violations:
            if violation["impact"] not in ("serious", "critical"):
                targets = ", ".join(str(node["target"]) for node in violation["nodes"][:3])
                line = (
                    f"{page.url} [{violation['impact']}] {violation['id']}: "
                    f"{violation['help']} ({targets})"
                )
                print(line)
                findings.append(line)
        return violations

    return _check


@pytest.fixture
def screenshot(request):
    """``screenshot(page, "home-phone")``: a full-page PNG in ``SCREENSHOTS_DIR``."""
    SCREENSHOTS_DIR.mkdir(parents=True, exist_ok=True)
    shots = request.config.stash.setdefault(screenshots_key, [])

    def _take(page, name):
        path = SCREENSHOTS_DIR / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        shots.append(path)
        return path

    return _take
