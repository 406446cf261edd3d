"""The production topology on one machine: PostgreSQL 15, Redis, SeaweedFS (S3), two application
servers (`python -m esa_archive.serve` with SERVE_WORKER=false) and one worker
(`manage.py worker`), each on free loopback ports, each stopped by its own PID or process group.

As a browser would: an editor logs in on server A and uploads images and a video; the worker
processes the video; a visitor on server B sees them (B's cached pages made stale by A's
change), fetches the renditions from the object storage and cannot fetch a draft's media; the
worker is killed in the middle of a job and the job completes after a restart; server A stops
and B keeps serving. The figures (upload to visible on the other server, fail-over) are
printed: ``pytest -s tests/test_cluster.py``.

Runs when the suite runs on PostgreSQL (``make test-postgres``, ``make cluster-test``, CI)
with Debian's ``redis-server`` and SeaweedFS's ``weed`` (requirements-dev) installed.
"""

import http.client
import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from http.cookies import SimpleCookie
from urllib.parse import urlencode

import pytest

from tests.servers import ROOT, SeaweedFS
from tests.videos import make_video

pytestmark = pytest.mark.cluster

SEED = """
import django; django.setup()
from django.contrib.auth import get_user_model
from tests.factories import make_mission
make_mission(name="Alpha", slug="alpha")
get_user_model().objects.create_superuser("chief", password="a-long-passphrase-for-chief")
"""
SUBTITLES = "WEBVTT\n\n00:00:00.000 --> 00:00:01.000\nThe capsule backs away.\n"


class Browser:
    """Requests to one server with the cookies it set (as a browser keeps them)."""

    def __init__(self, port):
        self.port = port
        self.cookies = SimpleCookie()

    def request(self, method, path, form=None, files=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {"Cookie": "; ".join(f"{k}={m.value}" for k, m in self.cookies.items())}
        body = None
        if files is not None:
            body, headers["Content-Type"] = multipart(form or {}, files)
        elif form is not None:
            body = urlencode(form, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            for cookie in response.headers.get_all("Set-Cookie") or []:
                self.cookies.load(cookie)
            return response.status, response.headers, response.read().decode(errors="replace")
        finally:
            connection.close()

    def form_token(self, path):
        _status, _headers, page = self.request("GET", path)
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)

    def submit(self, path, form, files=None):
        """POST an admin form as the browser would, with its CSRF token; the status."""
        form = {"csrfmiddlewaretoken": self.form_token(path), **form}
        return self.request("POST", path, form, files)[0]


def multipart(fields, files):
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        head = f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
        parts.append(f"{head}{value}\r\n".encode())
    for name, (filename, data, content_type) in files.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: {content_type}\r\n\r\n'.encode()
            + data
            + b"\r\n"
        )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def jpeg(seed):
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.effect_noise((640, 427), 20 + seed).convert("RGB").save(buffer, "JPEG")
    return buffer.getvalue()


@pytest.fixture
def object_storage(tmp_path):
    server = SeaweedFS(tmp_path / "seaweed")
    try:
        server.start()
        server.client().create_bucket(Bucket="media")
        yield server
    finally:
        server.stop()


class Worker:
    """`manage.py worker`, in its own process group."""

    def __init__(self, environment, log):
        self.environment, self.log = environment, log
        self.process = None

    def start(self):
        with self.log.open("a") as log:
            self.process = subprocess.Popen(
                [sys.executable, "manage.py", "worker", "--verbosity", "0"],
                cwd=ROOT,
                env=self.environment,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        return self

    def kill(self):
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()


def video_state(database_url, slug):
    import psycopg

    with psycopg.connect(database_url) as connection:
        row = connection.execute(
            "SELECT state FROM missions_video WHERE slug = %s", [slug]
        ).fetchone()
    return row[0] if row else None


def wait_for(condition, seconds, message):
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, message
        time.sleep(0.1)


def test_two_servers_one_worker_postgresql_redis_and_object_storage(
    postgres_database, redis_url, object_storage, tmp_path, launch
):
    database_url, _server_url, _name = postgres_database
    shared = {
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "S3_BUCKET": "media",
        "S3_ENDPOINT_URL": object_storage.endpoint,
        "S3_ACCESS_KEY_ID": object_storage.ACCESS_KEY,
        "S3_SECRET_ACCESS_KEY": object_storage.SECRET_KEY,
        "SECRET_KEY": "cluster-test-" + "k" * 50,
        "WEB_CONCURRENCY": "1",
        "SERVE_WORKER": "false",
        "TASK_STALLED_SECONDS": "3",
    }
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
    # The first one migrates the new database and collects the static files first: on a busy
    # machine (CI runs it beside the rest of the suite's servers) that is more than a minute.
    server_a = launch(tmp_path / "a", seconds=180, **shared)
    server_b = launch(tmp_path / "b", **shared)
    environment = {
        **os.environ,
        **shared,
        "DJANGO_SETTINGS_MODULE": "esa_archive.settings",
        "DEBUG": "false",
        "DB_POOL": "false",
    }
    seeded = subprocess.run(
        [sys.executable, "-c", SEED], cwd=ROOT, env=environment, capture_output=True, text=True
    )
    assert seeded.returncode == 0, seeded.stderr
    worker = Worker(environment, tmp_path / "worker.log").start()
    try:
        _run(server_a, server_b, worker, database_url, object_storage)
    finally:
        worker.stop()


def _run(server_a, server_b, worker, database_url, object_storage):
    visitor = Browser(server_b.port)
    status, _headers, gallery = visitor.request("GET", "/en/gallery/")
    assert status == 200 and "Cupola at dawn" not in gallery  # and B keeps it cached

    editor = Browser(server_a.port)
    login = {"username": "chief", "password": "a-long-passphrase-for-chief"}
    assert editor.submit("/admin/login/", login) == 302, "no login on server A"
    _status, _headers, mission_page = editor.request("GET", "/admin/missions/mission/")
    mission = re.search(r"/admin/missions/mission/(\d+)/change/", mission_page).group(1)
    image_form = {
        "title_en": "Cupola at dawn",
        "caption_en": "The Earth at dawn from the Cupola.",
        "alt_en": "Blue horizon",
        "credit": "ESA",
        "licence": "esa-standard",
        "mission": mission,
        "is_published": "on",
    }
    added = "/admin/missions/imagecaption/add/"
    assert editor.submit(added, image_form, {"image": ("dawn.jpg", jpeg(1), "image/jpeg")}) == 302
    uploaded = time.monotonic()
    _status, _headers, gallery = visitor.request("GET", "/en/gallery/")
    image_visible = time.monotonic() - uploaded
    assert "Cupola at dawn" in gallery, "server B served its stale page"
    draft_form = {**image_form, "title_en": "Unfinished", "is_published": ""}
    draft_file = {"image": ("draft.jpg", jpeg(2), "image/jpeg")}
    assert editor.submit(added, draft_form, draft_file) == 302

    # The renditions come from the object storage, through B's gate; a draft's media never.
    rendition = re.search(r'srcset="(/media/renditions/[^ "]+)', gallery).group(1)
    status, headers, _body = visitor.request("GET", rendition)
    assert status == 302 and headers["Location"].startswith(object_storage.endpoint)
    assert fetch(headers["Location"]) == 200
    keys = object_storage.keys("media")
    # An original whose renditions (renditions/<its name>/…) the gallery does not show: the draft's.
    originals = [key for key in keys if key.startswith("images/")]
    draft_files = [key for key in originals if key.rsplit(".", 1)[0] not in gallery]
    assert len(originals) == 2 and len(draft_files) == 1  # the draft's original is stored…
    for key in draft_files:
        assert visitor.request("GET", f"/media/{key}")[0] == 404  # …not for visitors
        assert fetch(f"{object_storage.endpoint}/media/{key}") == 403  # nor unsigned

    # A video, processed by the worker, then shown on B.
    video_form = {
        "title_en": "Undocking",
        "credit_en": "ESA",
        "licence": "esa-standard",
        "footage_type": "timelapse",
        "audio": "none",
        "mission": mission,
        "is_published": "on",
        "subtitles_en": SUBTITLES,
        "speeds-TOTAL_FORMS": "0",
        "speeds-INITIAL_FORMS": "0",
    }
    film = make_video(seconds=2.0, size=(640, 360), fps=25)
    started = time.monotonic()
    status = editor.submit(
        "/admin/missions/video/add/", video_form, {"file": ("undocking.mp4", film, "video/mp4")}
    )
    assert status == 302
    wait_for(
        lambda: visitor.request("GET", "/en/videos/undocking/")[0] == 200,
        120,
        "the video never became visible on B",
    )
    video_visible = time.monotonic() - started
    _status, _headers, page = visitor.request("GET", "/en/videos/undocking/")
    mp4 = re.search(r'<source src="(/media/videos/[^"]+\.mp4)"', page).group(1)
    status, headers, _body = visitor.request("GET", mp4)
    assert status == 302 and fetch(headers["Location"]) == 200

    # The worker is killed in the middle of a longer film's job; after a restart it is done.
    long_film = make_video(seconds=8.0, size=(1280, 720), fps=25)
    long_form = {**video_form, "title_en": "Long undocking"}
    long_file = {"file": ("long.mp4", long_film, "video/mp4")}
    assert editor.submit("/admin/missions/video/add/", long_form, long_file) == 302
    wait_for(
        lambda: video_state(database_url, "long-undocking") == "processing",
        60,
        "the worker never took the job",
    )
    worker.kill()
    assert video_state(database_url, "long-undocking") == "processing"
    killed = time.monotonic()
    worker.start()
    wait_for(
        lambda: video_state(database_url, "long-undocking") == "ready",
        120,
        "the job never completed after the worker's restart",
    )
    recovered = time.monotonic() - killed
    assert visitor.request("GET", "/en/videos/long-undocking/")[0] == 200
    objects = [key for key in object_storage.keys("media") if key.startswith("videos/")]
    assert len(objects) == 2 * 4, objects  # two videos: original, 720p or less, two posters

    # Server A stops; B serves on, with its media.
    stopped = time.monotonic()
    server_a.stop()
    for path in ("/en/", "/en/gallery/", "/en/videos/undocking/", "/fr/galerie/", rendition):
        assert visitor.request("GET", path)[0] in (200, 302), path
    fail_over = time.monotonic() - stopped
    print(
        f"\ncluster: image visible on B {image_visible * 1000:.0f} ms after A's upload; video "
        f"visible on B {video_visible:.1f} s after its upload (processing included); job done "
        f"{recovered:.1f} s after its worker was killed; B served 5 requests in "
        f"{fail_over:.2f} s after A stopped (A's stop included)."
    )
