"""`make serve` (esa_archive/serve.py): the real production server, started as `make serve` does.

Each server runs in its own process group on a free loopback port, against a throwaway SQLite
database (a new PostgreSQL database for the pool's test, when the suite runs on PostgreSQL),
media, static and cache folders, and is stopped by its process group whatever the test's outcome.
No pytest-django database: the server is another process.
"""

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("gunicorn", reason="gunicorn (requirements.txt) is not installed")

ROOT = Path(__file__).resolve().parent.parent
STALLED_CLIENTS = 50
# The environment a server gets: only these from ours, so that no SECRET_KEY, DEBUG or
# DATABASE_URL of the machine running the tests leaks in.
PASSED_THROUGH = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "SYSTEMROOT")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def request(port, path, method="GET", timeout=10):
    """(status, headers, body) of one request on a fresh connection."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request(method, path)
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


class Server:
    """`python -m esa_archive.serve` on a free port, with the site in ``folder``."""

    def __init__(self, folder, key_file=None, **env):
        self.port = free_port()
        self.folder = folder
        self.key_file = key_file or folder / "secret_key"
        self.env = {name: os.environ[name] for name in PASSED_THROUGH if name in os.environ}
        self.env.update(
            DATABASE_URL=f"sqlite:///{folder / 'site.sqlite3'}",
            MEDIA_ROOT=str(folder / "media"),
            STATIC_ROOT=str(folder / "static"),
            CACHE_DIR=str(folder / "cache"),
            SECRET_KEY_FILE=str(self.key_file),
            PORT=str(self.port),
            WEB_CONCURRENCY="2",
            LOG_LEVEL="ERROR",
            PYTHONDONTWRITEBYTECODE="1",
        )
        self.env.update(env)
        self.log_path = folder / f"serve-{self.port}.log"
        self.process = None

    def start(self, seconds=60):
        with self.log_path.open("w") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "esa_archive.serve"],
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group: stop() ends every child
            )
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            assert self.process.poll() is None, f"the server stopped:\n{self.log()}"
            try:
                if request(self.port, "/en/", timeout=5)[0] == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.2)
        pytest.fail(f"no answer on port {self.port} within {seconds} s:\n{self.log()}")

    def log(self):
        return self.log_path.read_text()

    def group_alive(self):
        try:
            os.killpg(self.process.pid, 0)
        except ProcessLookupError:
            return False
        return True

    def stop(self):
        """TERM to the whole process group, then KILL if it is still there after 10 s."""
        if self.process is None:
            return
        for sig, seconds in ((signal.SIGTERM, 10), (signal.SIGKILL, 5)):
            try:
                os.killpg(self.process.pid, sig)
            except ProcessLookupError:
                break
            deadline = time.monotonic() + seconds
            while self.group_alive() and time.monotonic() < deadline:
                self.process.poll()  # reap the launcher, so its group can empty
                time.sleep(0.1)
            if not self.group_alive():
                break
        self.process.wait(timeout=5)


@pytest.fixture
def launch():
    """Start servers in a test; every one is stopped afterwards, even if the test failed."""
    servers = []

    def start(folder, key_file=None, **env):
        server = Server(folder, key_file, **env)
        servers.append(server)
        return server.start()

    yield start
    for server in servers:
        server.stop()


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


@pytest.fixture
def postgres_database():
    """A new, empty database on the PostgreSQL server the suite runs on (dropped afterwards)."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        pytest.skip("the suite runs on SQLite: no PostgreSQL server to pool connections to")
    import psycopg

    name = f"serve_pool_{os.getpid()}"
    server_url = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    yield url.rsplit("/", 1)[0] + "/" + name, server_url, name
    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


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
