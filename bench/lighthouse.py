"""Lighthouse 12 scores of the home, gallery and image pages of the served demo site.

The script serves the site itself, close to production: DEBUG off, static files collected and
served by WhiteNoise (compressed, hashed names), uploads served by Django (SERVE_MEDIA), on a
throwaway SQLite database and media folder, on a free loopback port. It runs Lighthouse (mobile
profile, its default) against three pages, prints the four category scores and a few metrics per
page, keeps the JSON reports in bench/results/lighthouse/, and stops the server by its PID.

A benchmark to compare one change with the next on the same machine, not a CI gate.
Needs Chromium (CHROMIUM_PATH, default /usr/bin/chromium) and `npm ci` (Lighthouse 12).
Usage: `make lighthouse` or `python bench/lighthouse.py`; LIGHTHOUSE_KEEP=1 keeps the work folder.
"""

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
RESULTS = ROOT / "bench" / "results" / "lighthouse"
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
METRICS = {
    "largest-contentful-paint": "LCP",
    "cumulative-layout-shift": "CLS",
    "total-blocking-time": "TBT",
    "total-byte-weight": "bytes",
}

WORKDIR = Path(tempfile.mkdtemp(prefix="esa-archive-lighthouse-"))
SITE_ENV = {
    "DJANGO_SETTINGS_MODULE": "esa_archive.settings",
    "DATABASE_URL": f"sqlite:///{WORKDIR / 'site.sqlite3'}",
    "MEDIA_ROOT": str(WORKDIR / "media"),
    "STATIC_ROOT": str(WORKDIR / "static"),
    "DEBUG": "false",
    "SECRET_KEY": secrets.token_urlsafe(40),
    "SERVE_MEDIA": "true",
    # Plain HTTP on the loopback: no redirect to HTTPS.
    "SECURE_SSL_REDIRECT": "false",
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "LOG_LEVEL": "ERROR",
}


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def prepare_site():
    """Migrate, load the demo content, collect static files; return the image page's path."""
    os.environ.update(SITE_ENV)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import translation

    from missions.models import ImageCaption

    call_command("migrate", interactive=False, verbosity=0)
    call_command("load_demo")
    call_command("collectstatic", interactive=False, verbosity=0)
    image = ImageCaption.objects.published().order_by("-date_taken", "-pk").first()
    if image is None:
        sys.exit("No published image to measure.")
    with translation.override("en"):
        return image.get_absolute_url()


def wait_until_served(url, server, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"The server stopped (exit {server.returncode}); see {WORKDIR / 'server.log'}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    sys.exit(f"{url} did not answer within {seconds} s")


def lighthouse(url, report):
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    command = [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        f"--output-path={report}",
        "--quiet",
        f"--chrome-flags={CHROME_FLAGS}",
    ]
    subprocess.run(command, env=env, check=True, timeout=240)
    return json.loads(report.read_text())


def main():
    if not LIGHTHOUSE.exists():
        sys.exit("Lighthouse is not installed: run `npm ci` first.")
    if not Path(CHROMIUM).exists():
        sys.exit(f"No Chromium at {CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH).")
    print(f"Preparing the site in {WORKDIR} …", flush=True)
    image_path = prepare_site()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    pages = {"home": "/en/", "gallery": "/en/gallery/", "image": image_path}

    log = (WORKDIR / "server.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env={**os.environ, **SITE_ENV},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    print(f"Serving on {base} (server PID {server.pid}), demo content", flush=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    rows = []
    try:
        wait_until_served(base + pages["home"], server)
        for name, path in pages.items():
            print(f"Lighthouse: {name} ({path}) …", flush=True)
            result = lighthouse(base + path, RESULTS / f"{name}.json")
            scores = [round(100 * (result["categories"][c]["score"] or 0)) for c in CATEGORIES]
            audits = result["audits"]
            metrics = {label: audits[key]["numericValue"] for key, label in METRICS.items()}
            rows.append((name, path, scores, metrics, result["lighthouseVersion"]))
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()
        if os.environ.get("LIGHTHOUSE_KEEP"):
            print(f"Kept {WORKDIR}")
        else:
            shutil.rmtree(WORKDIR, ignore_errors=True)

    version = rows[0][4] if rows else "?"
    print()
    print(f"Lighthouse {version}, mobile profile (slow 4G, 4x CPU slowdown), demo content")
    header = f"{'page':<9}" + "".join(f"{c:>16}" for c in CATEGORIES)
    print(header + f"{'LCP':>9}{'CLS':>7}{'TBT':>8}{'bytes':>10}")
    for name, _path, scores, m, _version in rows:
        metrics = f"{m['LCP'] / 1000:>8.1f}s{m['CLS']:>7.3f}{m['TBT']:>6.0f}ms"
        print(
            f"{name:<9}"
            + "".join(f"{s:>16}" for s in scores)
            + metrics
            + f"{m['bytes'] / 1024:>8.0f}KB"
        )
    print(f"JSON reports: {RESULTS}")


if __name__ == "__main__":
    main()
