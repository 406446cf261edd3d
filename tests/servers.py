"""Servers for tests that start the real thing (`python -m esa_archive.serve`) on free
loopback ports, each in its own process group, stopped by it whatever the test's outcome."""

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
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
