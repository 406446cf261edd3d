"""Two application servers against one, in the same run: the gallery's requests per second.

Both servers share one PostgreSQL database (run under ``.ci/with-postgres``) and one Redis
(started here on a free port), each with WEB_CONCURRENCY (1) workers, on an archive of
BENCH_CLUSTER_IMAGES (10,000) synthetic images. `wrk` loads server A alone, then A and B at once
(one `wrk` each, the same connections in all), first with the page cache on (as served), then
on the uncached gallery (PAGE_CACHE=false: every request renders). On one machine the servers
share its cores: the figure says how far a second server adds throughput here, not on two.

``bash .ci/with-postgres .venv/bin/python -m bench.cluster``
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.servers import ROOT, Server, redis_server

IMAGES = int(os.environ.get("BENCH_CLUSTER_IMAGES", 10_000))
SECONDS = int(os.environ.get("BENCH_SECONDS", 8))
CONNECTIONS = 16
PAGE = "/en/gallery/"


def wrk(ports):
    """Requests per second, summed over one `wrk` per port run at the same time."""
    runs = [
        subprocess.Popen(
            [
                "wrk",
                "-t1",
                f"-c{CONNECTIONS // len(ports)}",
                f"-d{SECONDS}s",
                f"http://127.0.0.1:{port}{PAGE}",
            ],
            stdout=subprocess.PIPE,
            text=True,
        )
        for port in ports
    ]
    total = 0.0
    for run in runs:
        out, _ = run.communicate()
        total += float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    return total


def main():
    database_url = os.environ.get("DATABASE_URL", "")
    if not database_url.startswith("postgres") or not shutil.which("wrk"):
        sys.exit("Run under .ci/with-postgres, with wrk installed (apt-get install wrk).")
    work = Path(tempfile.mkdtemp(prefix="esa-archive-cluster-"))
    servers = []
    with redis_server(work) as redis_url:
        try:
            _measure(work, database_url, redis_url, servers)
        finally:
            for server in servers:
                server.stop()
            shutil.rmtree(work, ignore_errors=True)


def _measure(work, database_url, redis_url, servers):
    """Seed the archive, then load one server, then both, cached and uncached."""
    shared = {
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "MEDIA_ROOT": str(work / "media"),
        "SECRET_KEY": "cluster-bench-" + "k" * 50,
        "WEB_CONCURRENCY": os.environ.get("WEB_CONCURRENCY", "1"),
        "SERVE_WORKER": "false",
    }
    environment = {**os.environ, **shared, "DJANGO_SETTINGS_MODULE": "esa_archive.settings"}
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=environment, check=True
    )
    subprocess.run(
        [sys.executable, "manage.py", "seed_archive", "--images", str(IMAGES), "-v0"],
        cwd=ROOT,
        env=environment,
        check=True,
    )
    print(f"Gallery, {IMAGES:,} images, wrk {SECONDS} s, {CONNECTIONS} connections in all")
    for label, extra in (("cached", {}), ("uncached", {"PAGE_CACHE": "false"})):
        pair = []
        for name in ("a", "b"):
            (work / f"{label}-{name}").mkdir()
            server = Server(work / f"{label}-{name}", **shared, **extra).start()
            servers.append(server)
            pair.append(server.port)
        wrk(pair)  # warm both: caches, connections
        one = wrk(pair[:1])
        two = wrk(pair)
        print(
            f"  {label:9} one server {one:7.0f} req/s, two servers {two:7.0f} req/s: "
            f"{two / one:.2f}×"
        )
        for server in servers:
            server.stop()
        servers.clear()


if __name__ == "__main__":
    main()
