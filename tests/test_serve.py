"""`make serve` (esa_archive/serve.py): the real production server, started as `make serve` does.

Each server runs in its own process group on a free loopback port, against a throwaway SQLite
database (a new PostgreSQL database for the pool's test, when the suite runs on PostgreSQL),
media, static and cache folders, and is stopped by its process group whatever the test's outcome.
No pytest-django database: the server is another process.
"""

import json
import signal
import socket
import subprocess
import sys
import time

import pytest

from tests.servers import ROOT, Server, request

pytest.importorskip("gunicorn", reason="gunicorn (requirements.txt) is not installed")

STALLED_CLIENTS = 50


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return tmp_path_factory.mktemp("serve")


@pytest.fixture(scope="module")
def server(site):
    """One server for the module, started as `make serve` is: no SECRET_KEY, no DEBUG."""
    running = Server(site)
    try:
        yield running.start()
    finally:
        running.stop()


def test_stalled_clients_do_not_hold_up_other_visitors(server):
    stalled = []
    try:
        for _ in range(STALLED_CLIENTS):
            client = socket.create_connection(("127.0.0.1", server.port), timeout=5)
            # A request line and a header, never finished.
            client.sendall(b"GET /en/ HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: slow")
            stalled.append(client)
        time.sleep(0.5)
        for _ in range(4):  # some land on each worker
            started = time.monotonic()
            status, _headers, body = request(server.port, "/en/", timeout=10)
            elapsed = time.monotonic() - started
            assert status == 200
            assert b"</html>" in body
            assert elapsed < 2, f"/en/ took {elapsed:.1f} s with {STALLED_CLIENTS} stalled clients"
        for client in stalled:  # they were still connected, waiting, all along
            client.setblocking(False)
            with pytest.raises(BlockingIOError):
                client.recv(1)
    finally:
        for client in stalled:
            client.close()


def test_collected_static_files_are_cached_far_future(server):
    manifest = json.loads((server.folder / "static" / "staticfiles.json").read_text())
    path = "/static/" + manifest["paths"]["css/site.css"]
    status, headers, _body = request(server.port, path, method="HEAD")
    assert status == 200
    assert headers["Content-Type"].startswith("text/css")
    assert "immutable" in headers["Cache-Control"]
    assert "max-age=315360000" in headers["Cache-Control"]
    # Brotli for browsers that take it (most), gzip for the others.
    _status, headers, _body = request(server.port, path, headers={"Accept-Encoding": "br, gzip"})
    assert headers["Content-Encoding"] == "br"
    _status, headers, _body = request(server.port, path, headers={"Accept-Encoding": "gzip"})
    assert headers["Content-Encoding"] == "gzip"


def test_production_defaults(server):
    """DEBUG off (no debug page), plain HTTP (no redirect to HTTPS), uploads served by Django
    (only images' files: see test_media.py)."""
    status, _headers, body = request(server.port, "/en/no-such-page/")
    assert status == 404
    assert b"URLconf" not in body  # Django's debug 404 lists the URL patterns
    upload = server.folder / "media" / "probe.txt"
    upload.parent.mkdir(exist_ok=True)
    upload.write_text("uploaded")
    assert request(server.port, "/media/probe.txt")[0] == 404  # not the file of any image


def test_the_task_worker_runs_beside_the_web_server(server):
    """A video queued on the site is processed by the worker `make serve` started."""
    environment = {**server.env, "DJANGO_SETTINGS_MODULE": "esa_archive.settings"}
    environment["SECRET_KEY"] = server.key_file.read_text().strip()
    upload = (
        "import django; django.setup()\n"
        "from missions.models import Video\n"
        "from tests.videos import make_video, uploaded\n"
        "video = Video(file=uploaded(make_video()), title_en='Film', is_published=True)\n"
        "video.full_clean(); video.save()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", upload], cwd=ROOT, env=environment, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    deadline = time.monotonic() + 60
    while request(server.port, "/en/videos/film/")[0] != 200:
        assert time.monotonic() < deadline, f"the video was never processed:\n{server.log()}"
        time.sleep(0.5)


def test_key_generated_once_reused_at_next_start_and_sigterm_stops_everything(server, launch):
    first = server.key_file.read_text()
    assert len(first.strip()) >= 50
    assert server.key_file.stat().st_mode & 0o777 == 0o600
    assert "Generated a secret key" in server.log()

    # A second start on the same site reads the same file and writes nothing.
    again = launch(server.folder, WEB_CONCURRENCY="1")
    assert server.key_file.read_text() == first
    assert "Generated a secret key" not in again.log()

    # SIGTERM to the launcher alone (as systemd or `kill` sends it) stops gunicorn too.
    again.process.send_signal(signal.SIGTERM)
    assert again.process.wait(timeout=15) == 0
    deadline = time.monotonic() + 5
    while again.group_alive() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not again.group_alive(), "a process of the server outlived the launcher"


def test_no_key_file_when_secret_key_is_set(site, tmp_path, launch):
    key_file = tmp_path / "secret_key"
    launch(site, key_file, SECRET_KEY="set-by-the-environment-" + "x" * 40, WEB_CONCURRENCY="1")
    assert not key_file.exists()


def test_on_postgresql_each_worker_keeps_a_bounded_pool_of_connections(
    postgres_database, tmp_path, launch
):
    database_url, server_url, name = postgres_database
    served = launch(tmp_path, DATABASE_URL=database_url, DB_POOL_SIZE="3")
    import psycopg

    def connections_to_the_site():
        with psycopg.connect(server_url) as admin:
            return admin.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = %s", [name]
            ).fetchone()[0]

    for _ in range(40):
        assert request(served.port, "/en/gallery/")[0] == 200
    time.sleep(0.5)
    # Connections stay open between requests (a pool, not one connection per request), and
    # never more than 2 workers × DB_POOL_SIZE, and the task worker's own two (its threads).
    assert 1 <= connections_to_the_site() <= 2 * 3 + 2
