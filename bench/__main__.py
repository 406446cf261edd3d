"""Benchmarks for the image pipeline and the public pages, on a throwaway database and media folder.

- ingest: N generated photos (24 megapixels by default) go through the real upload path
  (validation, metadata, renditions); reports seconds per image and rendition bytes vs originals.
- transfer: the gallery's first screen (HTML + the images a browser would fetch for the first
  cards) with renditions, against what the same screen would cost with the originals.
- render: median server time of the main pages (in-process, no network).
- revisions: an image's save with and without its version, and the history page's time and
  queries with 3 and 300 versions.

Sizes come from the environment: BENCH_IMAGES (8), BENCH_MEGAPIXELS (24), BENCH_PAGES_IMAGES (60).
"""

import io
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

WORKDIR = Path(tempfile.mkdtemp(prefix="esa-archive-bench-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "esa_archive.settings")
os.environ["DATABASE_URL"] = f"sqlite:///{WORKDIR / 'bench.sqlite3'}"
os.environ["MEDIA_ROOT"] = str(WORKDIR / "media")
os.environ["ALLOWED_HOSTS"] = "localhost,testserver"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from PIL import Image  # noqa: E402

from missions.models import RENDITION_FIELDS, ImageCaption, Mission  # noqa: E402

FIRST_SCREEN_CARDS = 8  # two rows of four on a desktop, four rows of two on a phone


def photo(megapixels, seed):
    """A photo-like JPEG: smooth gradients plus sensor noise, so it compresses like a real one."""
    width = int((megapixels * 1_000_000 * 3 / 2) ** 0.5)
    height = width * 2 // 3
    noise = Image.effect_noise((width, height), 40 + seed % 20)
    gradient = Image.linear_gradient("L").resize((width, height))
    image = Image.merge("RGB", (gradient, noise, Image.eval(gradient, lambda v: 255 - v)))
    buffer = io.BytesIO()
    exif = Image.Exif()
    exif.get_ifd(0x8769)[0x9003] = "2021:09:30 12:00:00"
    image.save(buffer, "JPEG", quality=90, exif=exif)
    return buffer.getvalue()


def folder_bytes(prefix):
    root = Path(settings.MEDIA_ROOT) / prefix
    return sum(p.stat().st_size for p in root.rglob("*") if p.is_file())


def bench_ingest(mission, count, megapixels):
    print(f"== ingest: {count} photos of {megapixels} MP ==")
    timings = []
    for n in range(count):
        data = photo(megapixels, n)
        image = ImageCaption(
            image=SimpleUploadedFile(f"bench-{n}.jpg", data, "image/jpeg"),
            mission=mission,
            title_en=f"Benchmark {n}",
            caption_en=f"Benchmark photo {n}",
            is_published=True,
        )
        started = time.perf_counter()
        image.full_clean()
        image.save()
        timings.append(time.perf_counter() - started)
        print(f"  photo {n + 1}/{count}: {len(data) / 1e6:.1f} MB, {timings[-1]:.2f} s")
    originals, renditions = folder_bytes("images"), folder_bytes("renditions")
    print(f"  seconds per image: median {statistics.median(timings):.2f}, max {max(timings):.2f}")
    print(
        f"  originals {originals / 1e6:.1f} MB, {len(RENDITION_FIELDS)} renditions each: "
        f"{renditions / 1e6:.1f} MB ({100 * renditions / originals:.1f} % of the originals)"
    )


def chosen_candidate(srcset, slot_css_px, dpr):
    """The srcset candidate a browser picks: the smallest at least slot × DPR wide."""
    candidates = sorted((int(width), url) for url, width in re.findall(r"(\S+) (\d+)w", srcset))
    for width, url in candidates:
        if width >= slot_css_px * dpr:
            return url
    return candidates[-1][1]


def bench_transfer(client):
    print("== transfer: the gallery's first screen ==")
    response = client.get("/en/gallery/")
    html = response.content
    sources = re.findall(rb'<source type="image/webp" srcset="([^"]+)"', html)[:FIRST_SCREEN_CARDS]
    images = list(ImageCaption.objects.published().for_cards()[:FIRST_SCREEN_CARDS])
    originals = sum(image.file_size for image in images)
    media = Path(settings.MEDIA_ROOT)
    for label, slot, dpr in (
        ("phone, 180 px cards at 3x", 180, 3),
        ("desktop, 280 px at 1x", 280, 1),
    ):
        picked = [chosen_candidate(s.decode(), slot, dpr) for s in sources]
        rendition_bytes = sum(
            (media / url.removeprefix(settings.MEDIA_URL).lstrip("/")).stat().st_size
            for url in picked
        )
        after = len(html) + rendition_bytes
        before = len(html) + originals
        print(
            f"  {label}: {after / 1e3:.0f} kB with renditions vs {before / 1e6:.1f} MB with "
            f"originals ({before / after:.0f}x less)"
        )


def bench_render(client, mission, rounds=15):
    print("== render: median server time per page (in-process) ==")
    image = ImageCaption.objects.published().first()
    paths = {
        "home": "/en/",
        "gallery": "/en/gallery/",
        "gallery filtered": f"/en/gallery/?mission={mission.slug}&q=benchmark",
        "mission": mission.get_absolute_url(),
        "image": image.get_absolute_url(),
        "sitemap": "/sitemap.xml",
    }
    for name, path in paths.items():
        client.get(path)
        times = []
        for _ in range(rounds):
            started = time.perf_counter()
            assert client.get(path).status_code == 200
            times.append(time.perf_counter() - started)
        print(f"  {name:18} {1000 * statistics.median(times):6.1f} ms")


def bench_revisions(mission, rounds=200):
    """What keeping a version costs: an image's save with versions and without (alternating,
    in the same run), and the history page with few and many versions."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test.utils import CaptureQueriesContext, override_settings
    from django.urls import reverse

    print("== revisions: the cost of a version ==")
    image = ImageCaption.objects.filter(mission=mission).first()
    times = {True: [], False: []}
    for n in range(rounds):
        for enabled in (True, False):
            with override_settings(SIMPLE_HISTORY_ENABLED=enabled):
                image.caption_en = f"Benchmark caption, round {n} ({enabled})"
                started = time.perf_counter()
                image.save()
                times[enabled].append(time.perf_counter() - started)
    with_versions, without = (1000 * statistics.median(times[k]) for k in (True, False))
    print(
        f"  an image's save   {with_versions:6.2f} ms with its version, {without:6.2f} ms "
        f"without ({with_versions / without:.2f}x)"
    )
    user = get_user_model().objects.create_superuser("bench", "bench@example.org", "bench")
    client = Client()
    client.force_login(user)
    for target in (3, 300):
        fresh = ImageCaption.objects.exclude(pk=image.pk).filter(mission=mission).first()
        fresh.history.all().delete()
        for n in range(target):
            fresh.caption_en = f"Version {n}"
            fresh.save()
        url = reverse("admin:missions_imagecaption_history", args=[fresh.pk])
        client.get(url)
        spent = []
        for _ in range(15):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                assert client.get(url).status_code == 200
                spent.append(time.perf_counter() - started)
        print(
            f"  history page, {target:3} versions: {1000 * statistics.median(spent):6.1f} ms, "
            f"{len(queries)} queries (50 versions a page)"
        )


def main():
    count = int(os.environ.get("BENCH_IMAGES", 8))
    megapixels = int(os.environ.get("BENCH_MEGAPIXELS", 24))
    page_images = int(os.environ.get("BENCH_PAGES_IMAGES", 60))
    call_command("migrate", verbosity=0)
    mission = Mission.objects.create(
        name="Bench", slug="bench", launch_date="2021-04-23", is_published=True
    )
    print(f"(working in {WORKDIR}; Python {sys.version.split()[0]})")
    bench_ingest(mission, count, megapixels)
    template = ImageCaption.objects.first()
    for n in range(page_images - count):
        copy = ImageCaption(
            image=template.image.name,
            slug=f"copy-{n}",
            mission=mission,
            title_en=f"Copy {n}",
            caption_en="Benchmark copy",
            width=template.width,
            height=template.height,
            file_size=template.file_size,
            format=template.format,
            is_published=True,
        )
        ImageCaption.objects.bulk_create([copy])
    client = Client()
    bench_transfer(client)
    bench_render(client, mission)
    bench_revisions(mission)
    shutil.rmtree(WORKDIR)


if __name__ == "__main__":
    main()
