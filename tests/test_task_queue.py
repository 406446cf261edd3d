"""The real queues and the real worker, each a process of its own as in production: a worker
killed in the middle of a job leaves nothing half-written, and the job is run again; with
``TASK_QUEUE_URL`` the jobs go through Redis."""

import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest

from tests.sites import ROOT, migrated_site

UPLOAD = """
import sys
from missions.models import Video
from tests.videos import make_video, uploaded
seconds, width, height = float(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
video = Video(
    file=uploaded(make_video(seconds=seconds, size=(width, height), fps=25)),
    title_en="Film",
    is_published=True,
)
video.full_clean()
video.save()  # queued when the transaction commits, as from the admin
"""

STATE = """
from missions.models import Video
video = Video.objects.get()
print(video.state, video.attempts, video.progress, sorted(video.pending_files))
"""


def django(code, environment, *args, timeout=120):
    """Run ``code`` with Django set up; its standard output."""
    done = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()\n" + code, *map(str, args)],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


@pytest.fixture
def site(tmp_path):
    """A site of its own, whose worker is taken for dead after 2 s without a sign of life."""
    environment = migrated_site(tmp_path, TASK_STALLED_SECONDS="2")
    environment.pop("TASK_QUEUE_URL", None)
    environment["media"] = str(tmp_path / "media")
    return environment


def worker(environment, *args):
    return subprocess.Popen(
        [sys.executable, "manage.py", "worker", "--verbosity", "0", *args],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def state(environment):
    """The video's state, read from the SQLite file directly: a poll must be quick."""
    path = environment["DATABASE_URL"].removeprefix("sqlite:///")
    with closing(sqlite3.connect(path, timeout=10)) as database:
        row = database.execute("SELECT state FROM missions_video").fetchone()
    return row[0] if row else None


def video_files(environment):
    media = Path(environment["media"])
    return sorted(p.name for p in (media / "videos").rglob("*") if p.is_file())


def test_a_worker_killed_mid_job_leaves_nothing_half_written_and_the_job_runs_again(site):
    django(UPLOAD, site, 8, 1280, 720)
    assert django(STATE, site).startswith("waiting 0")
    first = worker(site)
    try:
        deadline = time.monotonic() + 60
        while state(site) != "processing":
            assert time.monotonic() < deadline, "the worker never took the job"
            assert first.poll() is None, first.stderr.read()
            time.sleep(0.1)
        first.send_signal(signal.SIGKILL)  # a crash, an out-of-memory kill, a pulled plug
        first.wait(timeout=10)
    finally:
        if first.poll() is None:
            first.kill()
    assert django(STATE, site).startswith("processing 1")
    time.sleep(2.5)  # longer than TASK_STALLED_SECONDS: the job's worker is taken for dead

    second = worker(site, "--batch")
    assert second.wait(timeout=120) == 0, second.stderr.read()
    assert django(STATE, site) == "ready 2 100 []"
    # Nothing left of the first attempt: the original and one whole set of renditions.
    assert video_files(site) == ["720p.mp4", "original.mp4", "poster.jpg", "poster.webp"]


def test_with_a_task_queue_url_the_jobs_go_through_redis(site, redis_url):
    environment = {**site, "TASK_QUEUE_URL": redis_url}
    django(UPLOAD, environment, 1, 320, 240)
    queued = django("import django_rq; print(django_rq.get_queue('default').count)", environment)
    assert queued == "1"  # in Redis, not in the database's queue
    assert (
        django(
            "from django_tasks_db.models import DBTaskResult\nprint(DBTaskResult.objects.count())",
            environment,
        )
        == "0"
    )
    run = worker(environment, "--batch")
    assert run.wait(timeout=120) == 0, run.stderr.read()
    assert django(STATE, environment) == "ready 1 100 []"
