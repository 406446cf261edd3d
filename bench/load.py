"""Load benchmark: the public pages served by `python -m esa_archive.serve` under `wrk`.

For each database and each archive size (synthetic images from `seed_archive --images N`), it
starts two production servers on free loopback ports, one with the page cache and one without
(PAGE_CACHE=false, every page rendered). The pages: the stylesheet, the home page, the gallery
unfiltered, by its biggest mission, with a one-word search (`?q=earth`) and a three-word search
(three words that many images' English captions have together, picked from the seeded archive
by `three_words`; it must find images), both with the gallery's facet counts, with combined
filters (mission, photographer, year), an image and a mission; the API's images of that mission
and that image's API answer, and its IIIF info.json. It reports per page:

- cached server, `wrk -t2 -c16`: requests/s, p50 and p99, and requests/s as a ratio to the
  stylesheet's (a static file through the same server in the same round: the machine's limit);
- uncached server, one visitor (`wrk -t1 -c1`): p50 and p99;
- SQL queries per page (in-process test client with the page cache off, second request);

then the first-visit latency of 30 distinct gallery filter combinations (each requested once on
the uncached server), the sitemap index and each of its pages (once, uncached), and at the
largest size a soak of the mixed pages and four of the combinations (not cached yet when it
starts) at 50 connections (bench/mixed.lua) that must give no error. Every page is requested
once on each server before wrk runs. Requests send `Accept-Encoding: gzip`, as browsers do.
Everything stays on the loopback; every request loop is bounded (wrk durations, timeouts).

SQLite runs in a temporary folder; PostgreSQL runs when DATABASE_URL is a postgres:// URL (a
throwaway one: its synthetic archive is replaced), so `bash .ci/with-postgres python -m
bench.load` measures SQLite, then PostgreSQL. Each database is measured in its own process.

Usage: `python -m bench.load` (or `make bench`). Needs `wrk` (apt-get install -y wrk).
Environment: BENCH_SIZES (1000,10000,100000), BENCH_SECONDS per wrk run (8), BENCH_SOAK_SECONDS
(120), BENCH_DATABASES (sqlite, plus postgres under .ci/with-postgres), WEB_CONCURRENCY (passed
to the servers), BENCH_KEEP=1 keeps the work folder (server logs). Quick run:
`BENCH_SIZES=1000 BENCH_SECONDS=2 BENCH_SOAK_SECONDS=5 python -m bench.load`.
Prints one table per database and writes it as Markdown to bench/results/load-<database>.md.
"""

import gzip
import http.client
import json
import math
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import xml.etree.ElementTree as ET
from collections import Counter
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
MIXED_LUA = ROOT / "bench" / "mixed.lua"
HEADERS = {"Accept-Encoding": "gzip"}  # as browsers send: pages and static files come gzipped
WRK_TIMEOUT = "10s"  # a slower answer counts as a socket error (timeout)
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
FIRST_VISITS = 30
SOAK_COMBINATIONS = 4  # filter combinations added to the page list in the soak
COMMON_WORD = "earth"  # the one-word search
SEARCH_SAMPLE = 500  # images whose English captions the three-word search is chosen from
MISSING_WORD = "zyzzyva"  # matches no image: the search reads everything and finds nothing
START_SECONDS = 180  # migrate + collectstatic + gunicorn
STOP_SECONDS = 5
GET_TIMEOUT = 60  # one request of the sitemap or first visits; the targets are 1 s and 100 ms
SITEMAP_BUDGET = 120  # seconds for the sitemap's pages, each once: the rest are not timed
WRK_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}


@dataclass
class Wrk:
    requests: int
    rps: float
    p50: float  # milliseconds
    p99: float
    sockets: dict  # socket errors by kind: connect, read, write, timeout
    bad_statuses: int  # 4xx and 5xx (wrk's "Non-2xx or 3xx responses")
    output: str

    @property
    def errors(self):
        return sum(self.sockets.values()) + self.bad_statuses

    @property
    def failed(self):
        """Errors, or no request answered at all (wrk counts no error for those)."""
        return self.errors > 0 or self.requests == 0

    def problems(self):
        """What went wrong, in words: socket errors by kind, error statuses, nothing answered."""
        parts = [f"{kind} {n}" for kind, n in self.sockets.items() if n]
        if self.bad_statuses:
            parts.append(f"status ≥ 400 {self.bad_statuses}")
        if self.requests == 0:
            parts.append("no request answered")
        return ", ".join(parts) or "none"

    def ms(self, value):
        return f"{value:.1f}" if self.requests else "-"


@dataclass
class Sitemap:
    index_ms: float
    index_status: int
    is_index: bool
    listed: int = 0  # pages the index lists; page_ms has fewer when the budget ran out
    page_ms: list = field(default_factory=list)
    slowest: str = ""
    failures: list = field(default_factory=list)


@dataclass
class Round:
    size: int
    seed_seconds: float
    pages: dict
    cached: dict = field(default_factory=dict)
    uncached: dict = field(default_factory=dict)
    queries: dict = field(default_factory=dict)
    first_visits: list = field(default_factory=list)  # (ms, status, path)
    combination_queries: int = 0
    sitemap: Sitemap = None
    soak: Wrk = None
    soak_failures: int = 0


def interrupt(signum, frame):
    raise KeyboardInterrupt


def env_int(name, default):
    return int(os.environ.get(name) or default)


def chosen_databases():
    on_postgres = os.environ.get("DATABASE_URL", "").startswith("postgres")
    default = "sqlite,postgres" if on_postgres else "sqlite"
    names = [n.strip() for n in os.environ.get("BENCH_DATABASES", default).split(",") if n.strip()]
    unknown = set(names) - {"sqlite", "postgres"}
    if unknown:
        sys.exit(f"BENCH_DATABASES: unknown {', '.join(sorted(unknown))} (sqlite, postgres)")
    if "postgres" in names and not on_postgres:
        sys.exit("PostgreSQL needs DATABASE_URL=postgres://…: run under bash .ci/with-postgres")
    return names


def main():
    if shutil.which("wrk") is None:
        print("wrk is missing: apt-get install -y wrk", file=sys.stderr)
        sys.exit(1)
    signal.signal(signal.SIGTERM, interrupt)
    databases = chosen_databases()
    if len(databases) == 1:
        measure_database(databases[0])
        return
    worst = 0
    for name in databases:  # one process each: Django is set up for one database per process
        child = subprocess.Popen(
            [sys.executable, "-m", "bench.load"],
            cwd=ROOT,
            env={**os.environ, "BENCH_DATABASES": name},
        )
        try:
            worst = max(worst, child.wait())
        except KeyboardInterrupt:  # the child stops its servers on SIGTERM (or got the Ctrl-C)
            child.terminate()
            child.wait()
            raise
    sys.exit(worst)


# --- one database ---------------------------------------------------------------------------


def measure_database(database):
    sizes = sorted(int(n) for n in os.environ.get("BENCH_SIZES", "1000,10000,100000").split(","))
    seconds = env_int("BENCH_SECONDS", 8)
    soak_seconds = env_int("BENCH_SOAK_SECONDS", 120)
    workdir = Path(tempfile.mkdtemp(prefix=f"esa-archive-load-{database}-"))
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "esa_archive.settings",
            "MEDIA_ROOT": str(workdir / "media"),
            "STATIC_ROOT": str(workdir / "static"),
            "CACHE_DIR": str(workdir / "cache-queries"),
            "SECRET_KEY": secrets.token_urlsafe(40),
            "DEBUG": "false",
            "SERVE_MEDIA": "true",
            "SECURE_SSL_REDIRECT": "false",
            "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
            "LOG_LEVEL": "ERROR",
            # This process only counts queries: every page rendered. The servers set their own.
            "PAGE_CACHE": "false",
        }
    )
    if database == "sqlite":
        os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'archive.sqlite3'}"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    print(f"== load: {database}, sizes {sizes}, work folder {workdir}", flush=True)
    started = time.monotonic()
    rounds = []
    try:
        call_command("migrate", interactive=False, verbosity=0)
        for size in sizes:
            soak = soak_seconds if size == sizes[-1] else 0
            rounds.append(measure_size(size, workdir, seconds, soak))
    finally:
        if os.environ.get("BENCH_KEEP"):
            print(f"Kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    settings_line = (
        f"{database}, {os.cpu_count()} cores, wrk {seconds} s a page, WEB_CONCURRENCY="
        f"{os.environ.get('WEB_CONCURRENCY', 'default')}, {time.monotonic() - started:.0f} s in all"
    )
    report(database, settings_line, rounds)


def measure_size(size, workdir, seconds, soak_seconds):
    from django.conf import settings
    from django.db import connections

    print(f"-- {size:,} images: seed_archive", flush=True)
    connections.close_all()
    log = workdir / f"seed-{size}.log"
    started = time.perf_counter()
    with log.open("w") as out:
        seeded = subprocess.run(
            [sys.executable, "manage.py", "seed_archive", "--images", str(size)],
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    if seeded.returncode:
        sys.exit(f"seed_archive --images {size} failed:\n{tail(log)}")
    result = Round(size, time.perf_counter() - started, pages={})
    print(f"   seeded in {result.seed_seconds:.1f} s; starting the servers", flush=True)
    with ExitStack() as servers:
        cached = servers.enter_context(served(workdir, f"cached-{size}", page_cache=True))
        uncached = servers.enter_context(served(workdir, f"uncached-{size}", page_cache=False))
        result.pages = pick_pages(Path(settings.STATIC_ROOT))
        combinations = filter_combinations(result.pages)
        # Warm-up, one whole answer each: the cached server stores every page before wrk
        # comes (16 connections at a page not cached yet would all render it at once).
        for base in (cached, uncached):
            for path in result.pages.values():
                get(base, path)
        print("   sitemap, first visits", flush=True)
        result.sitemap = time_sitemap(uncached)
        result.first_visits = [(*get(uncached, path)[:2], path) for path in combinations]
        for name, path in result.pages.items():
            print(f"   wrk {name}", flush=True)
            result.cached[name] = wrk(cached + path, 2, 16, seconds)
            result.uncached[name] = wrk(uncached + path, 1, 1, seconds)
        if soak_seconds:
            print(f"   soak: {soak_seconds} s at 50 connections", flush=True)
            paths = [*result.pages.values(), *combinations[:SOAK_COMBINATIONS]]
            result.soak = wrk(cached, 2, 50, soak_seconds, script=MIXED_LUA, args=paths)
            found = re.search(r"statuses >= 400: (\d+)", result.soak.output)
            result.soak_failures = int(found[1]) if found else 0
    result.queries = count_queries(result.pages, steady=True)
    counts = count_queries(dict(enumerate(combinations)), steady=False).values()
    result.combination_queries = max((n for n in counts if n is not None), default=0)
    return result


def tail(path, lines=30):
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])


# --- servers --------------------------------------------------------------------------------


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def served(workdir, label, page_cache):
    """`python -m esa_archive.serve` on a free loopback port, stopped (process group) on exit."""
    port = free_port()
    env = {
        **os.environ,
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "PAGE_CACHE": "true" if page_cache else "false",
        "CACHE_DIR": str(workdir / f"cache-{label}"),
        # wrk is one client: the per-address limits of the API and IIIF would answer it 429s.
        "API_ANON_RATE": "",
        "IIIF_RATE": "",
    }
    log_path = workdir / f"server-{label}.log"
    with log_path.open("w") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "esa_archive.serve"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: gunicorn's workers stop with it
        )
        try:
            base = f"http://127.0.0.1:{port}"
            wait_until_served(base, server, log_path)
            yield base
        finally:
            stop(server)


def wait_until_served(base, server, log_path):
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"The server stopped (exit {server.returncode}):\n{tail(log_path)}")
        if get(base, "/en/")[1] == 200:
            return
        time.sleep(0.3)
    sys.exit(f"{base} did not answer within {START_SECONDS} s:\n{tail(log_path)}")


def stop(server):
    """SIGTERM to the server's process group, SIGKILL to what is left after a few seconds."""
    interrupts = {signal.SIGINT, signal.SIGTERM}
    signal.pthread_sigmask(signal.SIG_BLOCK, interrupts)  # a second Ctrl-C must not cut this short
    try:
        signal_group(server.pid, signal.SIGTERM)
        deadline = time.monotonic() + STOP_SECONDS
        while time.monotonic() < deadline:
            server.poll()  # reaps the launcher, so that a finished group is seen as gone
            if not signal_group(server.pid, 0):
                break
            time.sleep(0.1)
        else:
            signal_group(server.pid, signal.SIGKILL)
        server.wait()
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, interrupts)


def signal_group(pgid, sig):
    """Send ``sig`` to a process group; False when the group no longer exists."""
    try:
        os.killpg(pgid, sig)
    except ProcessLookupError:
        return False
    return True


def get(base, path):
    """(milliseconds, status, body) of one GET on a new connection, body read and unzipped.

    No answer (refused, reset, or nothing within GET_TIMEOUT seconds) is status 0.
    """
    address = urllib.parse.urlsplit(base)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=GET_TIMEOUT)
    started = time.perf_counter()
    try:
        connection.request("GET", path, headers=HEADERS)
        response = connection.getresponse()
        body = response.read()
    except OSError:
        return 1000 * (time.perf_counter() - started), 0, b""
    finally:
        connection.close()
    elapsed = 1000 * (time.perf_counter() - started)
    if response.getheader("Content-Encoding") == "gzip":
        body = gzip.decompress(body)
    return elapsed, response.status, body


# --- wrk ------------------------------------------------------------------------------------


def wrk(url, threads, connections, seconds, script=None, args=()):
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency"]
    command += ["--timeout", WRK_TIMEOUT]
    for name, value in HEADERS.items():
        command += ["-H", f"{name}: {value}"]
    if script:
        command += ["-s", str(script)]
    command.append(url)
    if args:
        command += ["--", *args]
    done = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60)
    if done.returncode:
        sys.exit(f"{' '.join(command)} failed:\n{done.stderr}")
    return parse_wrk(done.stdout)


def parse_wrk(text):
    def number(pattern, default=0):
        found = re.search(pattern, text, re.MULTILINE)
        return float(found[1]) if found else default

    def percentile(label):
        found = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s|m|h)\s*$", text, re.MULTILINE)
        return float(found[1]) * WRK_UNITS[found[2]] if found else math.nan

    found = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    counts = [int(n) for n in found.groups()] if found else [0, 0, 0, 0]
    return Wrk(
        requests=int(number(r"(\d+) requests in")),
        rps=number(r"^Requests/sec:\s+([\d.]+)"),
        p50=percentile(50),
        p99=percentile(99),
        sockets=dict(zip(("connect", "read", "write", "timeout"), counts, strict=True)),
        bad_statuses=int(number(r"Non-2xx or 3xx responses: (\d+)")),
        output=text,
    )


# --- what to request ------------------------------------------------------------------------


def pick_pages(static_root):
    """The measured pages, from the seeded data: its biggest mission, photographer, year."""
    from django.conf import settings
    from django.db.models import Count
    from django.db.models.functions import ExtractYear
    from django.urls import reverse
    from django.utils import translation

    from missions.models import ImageCaption, Mission
    from missions.search import filter_images

    manifest = json.loads((static_root / "staticfiles.json").read_text())["paths"]
    published = ImageCaption.objects.published()
    mission = ranked(Mission.objects.published(), "images").first()
    if mission is None:
        sys.exit("The seeded archive has no published mission with images.")
    combined = (
        published.filter(mission=mission, photographer__is_published=True, date_taken__isnull=False)
        .annotate(year=ExtractYear("date_taken"))
        .values_list("photographer__slug", "year")
        .annotate(n=Count("pk"))
        .order_by("-n", "photographer__slug", "-year")
        .first()
    )
    if combined is None:
        sys.exit(f"No image of {mission.slug} has a published photographer and a date.")
    photographer, year, _n = combined
    image = published.filter(mission=mission).order_by("pk")[mission.n // 2]
    searches = {"one-word search": COMMON_WORD, "three-word search": three_words(published)}
    for name, text in searches.items():
        found = filter_images(published, text).count()
        if not found:
            sys.exit(f"The {name} for {text!r} finds no image in the seeded archive.")
        print(f"   {name}: {text!r} finds {found:,} images", flush=True)
    with translation.override("en"):
        gallery = reverse("missions:gallery")
        return {
            "stylesheet": settings.STATIC_URL + manifest["css/site.css"],
            "home": reverse("missions:home"),
            "gallery": gallery,
            "gallery by mission": f"{gallery}?mission={mission.slug}",
            **{
                name: f"{gallery}?{urllib.parse.urlencode({'q': text})}"
                for name, text in searches.items()
            },
            "combined filters": (
                f"{gallery}?mission={mission.slug}&photographer={photographer}&year={year}"
            ),
            "image": image.get_absolute_url(),
            "mission": mission.get_absolute_url(),
            "api images by mission": f"{reverse('api:images')}?mission={mission.slug}",
            "api image": reverse("api:image", kwargs={"slug": image.slug}),
            "iiif info": reverse("iiif:info", kwargs={"identifier": image.slug}),
        }


def ranked(queryset, relation):
    """``queryset``'s objects with published images through ``relation``, most first (``n``)."""
    from django.db.models import Count, Q

    return (
        queryset.annotate(n=Count(relation, filter=Q(**{f"{relation}__is_published": True})))
        .filter(n__gt=0)
        .order_by("-n", "pk")
    )


def filter_combinations(pages):
    """30 distinct gallery addresses, none of them a measured page, from real slugs and years."""
    from django.db.models import Count
    from django.db.models.functions import ExtractYear
    from django.urls import reverse
    from django.utils import translation

    from missions.models import Astronaut, ImageCaption, Mission, Spacecraft

    published = ImageCaption.objects.published()
    missions = [m.slug for m in ranked(Mission.objects.published(), "images")[:3]]
    photographers = [a.slug for a in ranked(Astronaut.objects.published(), "photographs")[:3]]
    spacecraft = [s.slug for s in ranked(Spacecraft.objects.published(), "images")[:2]]
    years = list(
        published.filter(date_taken__isnull=False)
        .annotate(year=ExtractYear("date_taken"))
        .values_list("year", flat=True)
        .annotate(n=Count("pk"))
        .order_by("-n", "-year")[:3]
    )
    rare = rare_word(published)

    def nth(options, n):  # wraps around when there are fewer; None when there is none
        return options[n % len(options)] if options else None

    templates = [
        {"mission": nth(missions, 1)},
        {"mission": nth(missions, 2), "sort": "oldest"},
        {"photographer": nth(photographers, 0)},
        {"photographer": nth(photographers, 1), "sort": "added"},
        {"spacecraft": nth(spacecraft, 0)},
        {"spacecraft": nth(spacecraft, 1), "year": nth(years, 0)},
        {"year": nth(years, 0)},
        {"year": nth(years, 1), "sort": "oldest"},
        {"q": COMMON_WORD, "mission": nth(missions, 0)},
        {"q": rare},
        {"q": MISSING_WORD},
        {"q": f"{COMMON_WORD} {rare}"},
        {"q": COMMON_WORD, "year": nth(years, 1)},
        {"mission": nth(missions, 0), "photographer": nth(photographers, 0)},
        {"mission": nth(missions, 0), "year": nth(years, 1)},
        {"mission": nth(missions, 0), "spacecraft": nth(spacecraft, 0)},
        {"photographer": nth(photographers, 0), "year": nth(years, 0)},
        {"spacecraft": nth(spacecraft, 0), "sort": "added"},
        {"sort": "oldest"},
        {"sort": "added"},
        {"page": 2},
        {"page": 10},
        {"page": 50},
        {"sort": "oldest", "page": 7},
        {"mission": nth(missions, 0), "page": 2},
        {"mission": nth(missions, 1), "page": 5},
        {"photographer": nth(photographers, 0), "page": 3},
        {
            "mission": nth(missions, 0),
            "photographer": nth(photographers, 0),
            "year": nth(years, 0),
            "sort": "oldest",
        },
        {"mission": nth(missions, 1), "spacecraft": nth(spacecraft, 1), "sort": "added"},
        {"q": COMMON_WORD, "photographer": nth(photographers, 2), "year": nth(years, 2)},
        {"year": nth(years, 2), "sort": "added", "page": 2},
        {"spacecraft": nth(spacecraft, 0), "page": 3},
        # spares, used when a small archive makes some of the above the same address
        {"spacecraft": nth(spacecraft, 1)},
        {"year": nth(years, 2)},
        {"photographer": nth(photographers, 2)},
        {"mission": nth(missions, 0), "sort": "added"},
        {"q": COMMON_WORD, "sort": "oldest"},
        {"year": nth(years, 1), "page": 2},
    ]
    with translation.override("en"):
        gallery = reverse("missions:gallery")
    seen = set(pages.values())
    combinations = []
    for template in templates:
        params = {k: v for k, v in template.items() if v is not None}
        if "page" in params:
            params["page"] = min(params["page"], last_page(params))
            if params["page"] < 2:
                del params["page"]
        path = f"{gallery}?{urllib.parse.urlencode(params)}"
        if params and path not in seen:
            seen.add(path)
            combinations.append(path)
    return combinations[:FIRST_VISITS]


def rare_word(published):
    """A rare title word: the least frequent word (5 letters or more) of 500 images' titles."""
    titles = published.order_by("pk").values_list("title_en", flat=True)[:500]
    counts = Counter(
        word.casefold() for title in titles for word in set(re.findall(r"[^\W\d_]{5,}", title))
    )
    if not counts:
        return MISSING_WORD
    return min(counts, key=lambda word: (counts[word], -len(word), word))


def three_words(published):
    """Three words that many images have together in their English caption, as "a b c".

    Each of the first SEARCH_SAMPLE images (by pk) gives the three of its caption's words that
    most of the sample's captions have (words of 3 letters or more, not stop words); the three
    that most images give win (ties: alphabetical). All three are in those images' captions, so
    the search (every word, by its stem) finds at least those.
    """
    from missions.search.stopwords import STOP_WORDS

    captions = published.order_by("pk").values_list("caption_en", flat=True)[:SEARCH_SAMPLE]
    words = [
        {word.casefold() for word in re.findall(r"[^\W\d_]{3,}", caption)} - STOP_WORDS["en"]
        for caption in captions
    ]
    frequency = Counter(word for caption in words for word in caption)
    threes = Counter(
        tuple(sorted(sorted(caption, key=lambda word: (-frequency[word], word))[:3]))
        for caption in words
        if len(caption) >= 3
    )
    if not threes:
        sys.exit(f"No English caption of the first {SEARCH_SAMPLE} images has three words.")
    best = min(threes, key=lambda three: (-threes[three], three))
    return " ".join(best)


def last_page(params):
    """The gallery's number of pages for these filters (mission, photographer, spacecraft, year)."""
    from missions.models import ImageCaption
    from missions.views import PAGE_SIZE

    lookups = {
        "mission": "mission__slug",
        "photographer": "photographer__slug",
        "spacecraft": "spacecraft__slug",
        "year": "date_taken__year",
    }
    chosen = {lookups[name]: value for name, value in params.items() if name in lookups}
    found = ImageCaption.objects.published().filter(**chosen).count()
    return max(1, math.ceil(found / PAGE_SIZE))


# --- measures beside wrk --------------------------------------------------------------------


def time_sitemap(base):
    """The index once, then each page it lists once (the same server, whatever host it names),
    until SITEMAP_BUDGET seconds are spent."""
    index_ms, status, body = get(base, "/sitemap.xml")
    root = ET.fromstring(body) if status == 200 else None
    result = Sitemap(index_ms, status, root is not None and root.tag == f"{SITEMAP_NS}sitemapindex")
    if not result.is_index:
        return result
    locations = [loc.text.strip() for loc in root.iter(f"{SITEMAP_NS}loc")]
    result.listed = len(locations)
    for location in locations:
        if sum(result.page_ms) > 1000 * SITEMAP_BUDGET:
            break
        address = urllib.parse.urlsplit(location)
        path = address.path + (f"?{address.query}" if address.query else "")
        ms, page_status, _body = get(base, path)
        if page_status != 200:
            result.failures.append(f"{path} → {answer(page_status)}")
        if not result.page_ms or ms > max(result.page_ms):
            result.slowest = path
        result.page_ms.append(ms)
    return result


def count_queries(paths, steady):
    """SQL queries each path costs when rendered (in-process, page cache off); None if not 200.

    ``steady``: counted on a second request, as most requests are (the gallery's counts, made
    once per content version, are then cached); otherwise on the first request of each path.
    """
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(raise_request_exception=False)
    counts = {}
    for name, path in paths.items():
        if steady:
            client.get(path)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        counts[name] = len(queries) if response.status_code == 200 else None
    return counts


# --- report ---------------------------------------------------------------------------------


def short(size):
    return f"{size // 1000}k" if size % 1000 == 0 else str(size)


def answer(status):
    return f"HTTP {status}" if status else f"no answer within {GET_TIMEOUT} s"


def nearest_rank(values, fraction):
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


COLUMNS = ("req/s", "p50", "p99", "×css", "1v p50", "1v p99", "SQL")


def to_stylesheet(round_, name):
    """A page's cached requests/s over the stylesheet's in the same round."""
    css = round_.cached["stylesheet"].rps
    return round_.cached[name].rps / css if css else math.nan


def table_rows(rounds):
    rows = []
    for name in rounds[0].pages:
        row = [name]
        for r in rounds:
            hot, cold, queries = r.cached[name], r.uncached[name], r.queries[name]
            row += [
                f"{hot.rps:.0f}" + ("!" if hot.failed else ""),
                hot.ms(hot.p50),
                hot.ms(hot.p99),
                f"{to_stylesheet(r, name):.2f}",
                cold.ms(cold.p50) + ("!" if cold.failed else ""),
                cold.ms(cold.p99),
                "-" if queries is None else str(queries),
            ]
        rows.append(row)
    return rows


def text_table(rounds):
    rows = table_rows(rounds)
    header = ["page"] + [c for _r in rounds for c in COLUMNS]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    group = len(COLUMNS)
    spans = [
        f"{short(r.size)} images".center(
            sum(widths[1 + i * group : 1 + (i + 1) * group]) + 2 * (group - 1)
        )
        for i, r in enumerate(rounds)
    ]
    lines = [" " * widths[0] + "  " + "  ".join(spans)]
    for row in [header, *rows]:
        cells = [row[0].ljust(widths[0])] + [
            c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)
        ]
        lines.append("  ".join(cells))
    return lines


def markdown_table(rounds):
    header = ["page"] + [f"{short(r.size)} {c}" for r in rounds for c in COLUMNS]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" + "--:|" * (len(header) - 1)]
    lines += ["| " + " | ".join(row) + " |" for row in table_rows(rounds)]
    return lines


def notes(rounds):
    """The lines under the table: seeding, first visits, sitemap, soak, errors, targets."""
    lines = [
        "req/s, p50, p99 (ms): cached server, wrk -t2 -c16; ×css: req/s over the stylesheet's; "
        "1v: uncached server, one visitor (wrk -t1 -c1); SQL: queries to render the page (its "
        "second request); ! = errors, listed below.",
        "seed_archive: " + ", ".join(f"{short(r.size)} {r.seed_seconds:.1f} s" for r in rounds),
    ]
    for r in rounds:
        times = [ms for ms, _status, _path in r.first_visits]
        slowest = max(r.first_visits)
        failed = [f"{path} → {answer(s)}" for _ms, s, path in r.first_visits if s != 200]
        lines.append(
            f"first visit, {short(r.size)}: {len(times)} filter combinations once each "
            f"(uncached): p50 {statistics.median(times):.0f} ms, p95 "
            f"{nearest_rank(times, 0.95):.0f} ms, max {slowest[0]:.0f} ms ({slowest[2]}); "
            f"SQL max {r.combination_queries} (first request)"
            + (f"; NOT 200: {failed}" if failed else "")
        )
    for r in rounds:
        s = r.sitemap
        if not s.is_index:
            what = "not a sitemap index" if s.index_status == 200 else answer(s.index_status)
            lines.append(f"sitemap, {short(r.size)}: /sitemap.xml {s.index_ms:.0f} ms, {what}")
            continue
        slowest = f"max {max(s.page_ms):.0f} ms ({s.slowest})" if s.page_ms else "no page"
        timed = "" if len(s.page_ms) == s.listed else f" ({len(s.page_ms)} timed: budget spent)"
        lines.append(
            f"sitemap, {short(r.size)}: index {s.index_ms:.0f} ms, {s.listed} pages{timed}, "
            f"{slowest}" + (f"; NOT 200: {s.failures}" if s.failures else "")
        )
    for r in rounds:
        if r.soak:
            w = r.soak
            lines.append(
                f"soak, {short(r.size)}: {w.requests:,} requests ({w.rps:.0f}/s) at 50 "
                f"connections over {len(r.pages) + SOAK_COMBINATIONS} addresses, p50 "
                f"{w.ms(w.p50)} ms, p99 {w.ms(w.p99)} ms; errors {w.errors} "
                f"({w.problems()}; status ≥ 400 counted by mixed.lua {r.soak_failures})"
            )
    for r in rounds:
        for kind, results in (("cached", r.cached), ("uncached", r.uncached)):
            for name, w in results.items():
                if w.failed:
                    lines.append(
                        f"errors, {short(r.size)} {kind} {name}: {w.problems()} "
                        f"({w.requests} requests answered)"
                    )
    return lines + targets(rounds)


def targets(rounds):
    """The issue's targets, read off at the largest size measured."""
    small, large = rounds[0], rounds[-1]
    at = f"at {short(large.size)}"

    def line(ok, text):
        return f"{'ok  ' if ok else 'MISS'} {text}"

    lines = ["targets:"]
    for name in ("gallery", "home", "mission"):
        ratio, ok = to_stylesheet(large, name), not large.cached[name].failed
        lines.append(
            line(ok and ratio >= 0.5, f"cached {name} {at}: {ratio:.2f} × stylesheet (≥ 0.5)")
        )
    cold, base = large.uncached["gallery"].p50, small.uncached["gallery"].p50
    lines.append(
        line(
            cold <= 1.2 * base and cold < 25,
            f"uncached gallery p50 {at} {cold:.1f} ms, {cold / base:.2f} × {short(small.size)} "
            f"(≤ 1.2, < 25 ms)",
        )
    )
    filters = {
        n: large.uncached[n].p50
        for n in ("gallery by mission", "one-word search", "combined filters")
    }
    first = statistics.median(ms for ms, _s, _p in large.first_visits)
    answered = all(status == 200 for _ms, status, _p in large.first_visits)
    worst = max(filters.values())
    lines.append(
        line(
            answered and worst < 100 and first < 100,
            f"filters {at}: one-visitor p50 max {worst:.1f} ms, first visits p50 {first:.0f} ms "
            f"(< 100 ms)",
        )
    )
    for name in ("one-word search", "three-word search"):
        cold = large.uncached[name]
        text = urllib.parse.parse_qs(urllib.parse.urlsplit(large.pages[name]).query)["q"][0]
        lines.append(
            line(
                not cold.failed and cold.p50 < 50,
                f"uncached {name} p50 {at} {cold.ms(cold.p50)} ms, one visitor, "
                f"q={text!r} with facet counts (< 50 ms)",
            )
        )
    sitemap = [max([r.sitemap.index_ms, *r.sitemap.page_ms]) for r in rounds]
    lines.append(
        line(
            all(r.sitemap.is_index and len(r.sitemap.page_ms) == r.sitemap.listed for r in rounds)
            and max(sitemap) < 1000,
            f"sitemap index and pages: slowest {max(sitemap):.0f} ms (< 1 s, an index)",
        )
    )
    counts = {name: {r.queries[name] for r in rounds} for name in small.pages}
    constant = all(len(values) == 1 and None not in values for values in counts.values())
    gallery = [r.queries["gallery"] for r in rounds]
    lines.append(
        line(
            constant and None not in gallery and max(gallery) <= 6,
            f"SQL per page {'constant' if constant else 'NOT constant (or not 200)'} across sizes; "
            f"gallery "
            f"{'/'.join(map(str, gallery))} (≤ 6)",
        )
    )
    soak = large.soak
    if soak:
        lines.append(line(not soak.failed, f"soak {at}: {soak.errors} errors (0)"))
    return lines


def report(database, settings_line, rounds):
    title = f"Load benchmark: {settings_line}"
    text = [title, *text_table(rounds), "", *notes(rounds)]
    print("\n" + "\n".join(text))
    markdown = [f"# {title}", "", *markdown_table(rounds), "", *(f"- {n}" for n in notes(rounds))]
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"load-{database}.md"
    out.write_text("\n".join(markdown) + "\n")
    print(f"Written to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        sys.exit(130)
