"""Editors saving at the same time on SQLite: every save lands, none fails with "locked".

Each writer is a process of its own (as two server workers are) on one SQLite file with the
project's settings. They edit images of the same mission, so each save also recounts that
mission's gallery counts and renews the content version: the same rows, written by all.
"""

import subprocess
import sys

import pytest

from tests.sites import ROOT, migrated_site

WRITERS = 4
SAVES = 25

SETUP = """
from tests.factories import make_image, make_mission
mission = make_mission(slug="shared")
for n in range(4):
    make_image(slug=f"image-{n}", mission=mission)
"""

WRITER = """
import sys
from django.db import transaction
from missions.models import ImageCaption, Mission
writer, saves = int(sys.argv[1]), int(sys.argv[2])
failed = 0
for n in range(saves):
    try:
        with transaction.atomic():  # as the admin saves: the image, its counts, the version
            image = ImageCaption.objects.get(slug=f"image-{n % 4}")
            image.caption_en = f"Edited by writer {writer}, save {n}"
            image.is_published = n % 3 != 0
            image.save()
            if n % 5 == 0:
                Mission.objects.get(slug="shared").save()
    except Exception as error:  # noqa: BLE001 - counted and shown, whatever it is
        failed += 1
        print(type(error).__name__, error, file=sys.stderr)
print(failed)
"""


def run_django(code, environment, *args):
    header = "import django; django.setup()\n"
    return subprocess.Popen(
        [sys.executable, "-c", header + code, *map(str, args)],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.fixture
def sqlite_site(tmp_path):
    environment = migrated_site(tmp_path)
    setup = run_django(SETUP, environment)
    assert setup.wait(timeout=120) == 0, setup.stderr.read()
    return environment


def test_concurrent_editors_lose_no_save_on_sqlite(sqlite_site):
    writers = [run_django(WRITER, sqlite_site, n, SAVES) for n in range(WRITERS)]
    results = [writer.communicate(timeout=300) for writer in writers]

    errors = "".join(stderr for _stdout, stderr in results)
    assert [int(stdout.strip() or -1) for stdout, _stderr in results] == [0] * WRITERS, errors
    assert "locked" not in errors
