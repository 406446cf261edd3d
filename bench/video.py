"""Benchmarks for the background work: the editor's requests, and what the worker then does.

- upload: the admin's add-a-video request with a 10 s and a BENCH_VIDEO_SECONDS (60) long 1080p
  film (server time, in-process: the network transfer is the editor's connection's business);
  the target is under 2 s whatever the length, since the request only judges a few frames and
  stores the file.
- transcode: the worker's job on the long film (720p and 1080p H.264/AAC and the poster), in
  seconds of work per minute of output, wall clock and CPU.
- bulk upload: the request that takes BENCH_BULK_PHOTOS (200) photos, then the worker's time
  per photo.

Run with ``python -m bench.video`` (``make bench`` runs it); on a throwaway database and media.
"""

import io
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

WORKDIR = Path(tempfile.mkdtemp(prefix="esa-archive-bench-video-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "esa_archive.settings")
os.environ["DATABASE_URL"] = f"sqlite:///{WORKDIR / 'bench.sqlite3'}"
os.environ["MEDIA_ROOT"] = str(WORKDIR / "media")
os.environ["CACHE_DIR"] = str(WORKDIR / "cache")
os.environ["ALLOWED_HOSTS"] = "localhost,testserver"

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.urls import reverse  # noqa: E402
from PIL import Image  # noqa: E402

from missions import video_jobs  # noqa: E402
from missions.models import ImageCaption, Mission, UploadBatch, Video  # noqa: E402
from tests.videos import make_video  # noqa: E402

SECONDS = float(os.environ.get("BENCH_VIDEO_SECONDS", 60))
PHOTOS = int(os.environ.get("BENCH_BULK_PHOTOS", 200))
UPLOAD_TARGET = 2.0
# Jobs are queued in memory and run here, one by one, as the worker would run them.
override_settings(
    TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
).enable()


def cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def film(seconds):
    started = time.perf_counter()
    path = make_video(
        seconds=seconds,
        size=(1920, 1080),
        fps=25,
        audio=True,
        texture=True,
        path=str(WORKDIR / f"film-{seconds:g}.mp4"),
    )
    size = Path(path).stat().st_size
    print(
        f"  made a {seconds:g} s 1080p film ({size / 1e6:.0f} MB) in "
        f"{time.perf_counter() - started:.1f} s"
    )
    return path


def upload(client, path, title):
    data = {
        "title_en": title,
        "credit_en": "ESA",
        "licence": "esa-standard",
        "footage_type": "other",
        "audio": "international",
        "speeds-TOTAL_FORMS": "0",
        "speeds-INITIAL_FORMS": "0",
    }
    with open(path, "rb") as file:
        started = time.perf_counter()
        response = client.post(reverse("admin:missions_video_add"), {**data, "file": file})
        elapsed = time.perf_counter() - started
    if response.status_code != 302:
        sys.exit(f"upload refused: {response.content.decode()[:2000]}")
    return elapsed


def photos(count):
    """``count`` distinct photo-like JPEGs of about a megapixel."""
    files = []
    for number in range(count):
        image = Image.effect_noise((1200, 800), 30 + number % 40).convert("RGB")
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=85)
        buffer.name = f"photo-{number:03d}.jpg"
        buffer.seek(0)
        files.append(buffer)
    return files


def run_queued(jobs_before):
    from django_tasks import default_task_backend

    for result in default_task_backend.results[jobs_before:]:
        result.task.call(*result.args, **result.kwargs)


def main():
    from django_tasks import default_task_backend

    call_command("migrate", verbosity=0)
    user = get_user_model().objects.create_superuser("bench", password="bench")
    client = Client()
    client.force_login(user)
    print(f"Video benchmarks in {WORKDIR}")

    print("\nupload (the editor's request; the worker does the rest)")
    short, long = film(10), film(SECONDS)
    upload(client, short, "warm-up")  # first request: imports, templates
    times = {
        seconds: upload(client, path, f"{seconds:g} s")
        for seconds, path in ((10, short), (SECONDS, long))
    }
    for seconds, elapsed in times.items():
        verdict = "ok" if elapsed < UPLOAD_TARGET else "OVER"
        print(
            f"  {seconds:>4g} s film: request {elapsed:.2f} s "
            f"(target < {UPLOAD_TARGET:g} s: {verdict})"
        )
    print(f"  ratio long/short: {times[SECONDS] / times[10]:.2f}")

    print("\ntranscode (the worker's job: 720p + 1080p H.264/AAC, poster)")
    video = Video.objects.get(title_en=f"{SECONDS:g} s")
    wall, cpu = time.perf_counter(), cpu_seconds()
    video_jobs.process(video.pk)
    wall, cpu = time.perf_counter() - wall, cpu_seconds() - cpu
    video.refresh_from_db()
    if video.state != "ready":
        sys.exit(f"the job failed: {video.failure}")
    output_minutes = len(video.mp4s) * video.duration / 60
    sizes = ", ".join(f"{mp4['height']}p {mp4['size'] / 1e6:.1f} MB" for mp4 in video.mp4s)
    print(f"  {video.duration:.0f} s source → {sizes}")
    print(
        f"  {wall:.1f} s wall, {cpu:.1f} s CPU: {wall / output_minutes:.1f} s per output minute "
        f"({cpu / output_minutes:.1f} s CPU), "
        f"{wall / (video.duration / 60):.1f} s per source minute"
    )

    print(f"\nbulk upload ({PHOTOS} photos)")
    mission = Mission.objects.create(name="Bench", slug="bench", launch_date="2021-04-23")
    files = photos(PHOTOS)
    before = len(default_task_backend.results)
    started = time.perf_counter()
    response = client.post(
        reverse("admin:missions_mission_bulk_upload", args=[mission.pk]),
        {"images": files, "credit": "ESA", "licence": "esa-standard"},
    )
    request = time.perf_counter() - started
    if response.status_code != 302:
        sys.exit(f"bulk upload refused: {response.content.decode()[:2000]}")
    started = time.perf_counter()
    run_queued(before)
    worker = time.perf_counter() - started
    batch = UploadBatch.objects.get()
    print(f"  request: {request:.2f} s for {PHOTOS} files (stored and queued)")
    print(
        f"  worker: {worker:.1f} s, {worker / PHOTOS * 1000:.0f} ms per photo; "
        f"{batch.added} added, {batch.refused} refused; "
        f"{ImageCaption.objects.count()} images"
    )


if __name__ == "__main__":
    try:
        main()
    finally:
        shutil.rmtree(WORKDIR, ignore_errors=True)
