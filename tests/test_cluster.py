"""Two application servers sharing one PostgreSQL database and one Redis (``REDIS_URL``): an
editor's change on one is what visitors of the other see at their next request, and the other
keeps serving when the first stops. Every server is `python -m esa_archive.serve` (with its
worker), on free loopback ports, started and stopped by its process group.

Runs when the suite runs on PostgreSQL (``make test-postgres``, CI) and Debian's
``redis-server`` is installed. The media folder is shared on this one machine; object storage
for several machines is still to come (issue "Beyond one machine").
"""

import http.client
import os
import re
import shutil
import subprocess
import sys
import time
from http.cookies import SimpleCookie
from urllib.parse import urlencode

import pytest

from tests.servers import ROOT, free_port

SEED = """
import django; django.setup()
from django.contrib.auth import get_user_model
from tests.factories import make_image, make_mission
mission = make_mission(name="Alpha", slug="alpha")
make_image(slug="cupola-at-dawn", title_en="Cupola at dawn", mission=mission, is_published=False)
get_user_model().objects.create_superuser("chief", password="a-long-passphrase-for-chief")
"""


class Browser:
    """Requests to one server with the cookies it set (as a browser keeps them)."""

    def __init__(self, port):
        self.port = port
        self.cookies = SimpleCookie()

    def request(self, method, path, form=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=15)
        headers = {"Cookie": "; ".join(f"{k}={m.value}" for k, m in self.cookies.items())}
        body = None
        if form is not None:
            body = urlencode(form, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            for cookie in response.headers.get_all("Set-Cookie") or []:
                self.cookies.load(cookie)
            return response.status, response.read().decode()
        finally:
            connection.close()

    def form_token(self, path):
        _status, page = self.request("GET", path)
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)


@pytest.fixture
def redis_url(tmp_path):
    if shutil.which("redis-server") is None:
        pytest.skip("needs redis-server (Debian's redis-server; CI installs it)")
    port = free_port()
    redis = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", ""],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    yield f"redis://127.0.0.1:{port}/0"
    redis.terminate()
    redis.wait(timeout=10)


def test_a_change_on_one_server_is_seen_on_the_other_which_serves_alone_after(
    postgres_database, redis_url, tmp_path, launch
):
    database_url, _server_url, _name = postgres_database
    shared = {
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "MEDIA_ROOT": str(tmp_path / "media"),
        "SECRET_KEY": "cluster-test-" + "k" * 50,
        "WEB_CONCURRENCY": "1",
    }
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    server_a = launch(tmp_path / "a", **shared)  # migrates the database first
    server_b = launch(tmp_path / "b", **shared)
    seed_environment = {
        **os.environ,
        **shared,
        "DJANGO_SETTINGS_MODULE": "esa_archive.settings",
        "DEBUG": "false",
    }
    seeded = subprocess.run(
        [sys.executable, "-c", SEED], cwd=ROOT, env=seed_environment, capture_output=True, text=True
    )
    assert seeded.returncode == 0, seeded.stderr

    visitor = Browser(server_b.port)
    status, gallery = visitor.request("GET", "/en/gallery/")
    assert status == 200 and "cupola-at-dawn" not in gallery  # a draft, and now a cached page

    editor = Browser(server_a.port)
    token = editor.form_token("/admin/login/")
    status, _page = editor.request(
        "POST",
        "/admin/login/",
        {
            "csrfmiddlewaretoken": token,
            "username": "chief",
            "password": "a-long-passphrase-for-chief",
        },
    )
    assert status == 302, "the editor could not log in on server A"
    changelist = "/admin/missions/imagecaption/"
    token = editor.form_token(changelist)
    _status, listing = editor.request("GET", changelist)
    pk = re.search(r'name="_selected_action" value="(\d+)"', listing).group(1)
    status, _page = editor.request(
        "POST",
        changelist,
        {"csrfmiddlewaretoken": token, "action": "publish", "_selected_action": [pk]},
    )
    assert status == 302
    published = time.monotonic()

    status, gallery = visitor.request("GET", "/en/gallery/")
    seen = time.monotonic() - published
    assert status == 200 and "cupola-at-dawn" in gallery, "server B served its stale page"
    assert seen < 1, seen
    status, _page = visitor.request("GET", "/en/images/cupola-at-dawn/")
    assert status == 200

    server_a.stop()
    for path in ("/en/", "/en/gallery/", "/en/images/cupola-at-dawn/", "/fr/galerie/"):
        assert visitor.request("GET", path)[0] == 200, path
