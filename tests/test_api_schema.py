"""Schemathesis against the API: requests generated from its own OpenAPI description, valid and
invalid, must get answers that the description allows — no 500, no undocumented status, no body
that breaks the schema, 4xx for what the description forbids."""

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from missions.models import Agency, Place
from tests.factories import add_crew, make_astronaut, make_image, make_mission, make_spacecraft

CONFIG = Path(__file__).parent / "schemathesis" / "schemathesis.toml"
SCHEMATHESIS = Path(sys.executable).parent / "st"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_schemathesis_finds_no_failure(live_server, settings, tmp_path):
    settings.API_ANON_RATE = "100000/m"  # its hundreds of requests are not one client's abuse
    mission = make_mission(slug="proxima", name="Proxima", launch_date=date(2016, 11, 17))
    thomas = make_astronaut(slug="thomas-pesquet")
    add_crew(mission, thomas)
    soyuz = make_spacecraft(slug="soyuz")
    mission.spacecraft.add(soyuz)
    for n in range(3):
        make_image(slug=f"image-{n}", mission=mission, photographer=thomas).spacecraft.add(soyuz)
    make_image(slug="draft", is_published=False)
    esa = Agency.objects.create(slug="esa", short_name="ESA", name_en="ESA", is_published=True)
    mission.partners.add(esa)
    mission.launch_place = Place.objects.create(
        slug="baikonur", name_en="Baikonur", kind=Place.Kind.LAUNCH_SITE, is_published=True
    )
    mission.save()
    result = subprocess.run(
        [
            str(SCHEMATHESIS),
            "--config-file",
            str(CONFIG),
            "--no-color",
            "run",
            f"{live_server.url}/api/v1/openapi.json",
            "--max-examples",
            "15",
            "--seed",
            "20261206",  # the same requests on every run: a red CI is reproducible
            "--request-timeout",
            "30",
        ],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=tmp_path,  # its reports and cassettes stay out of the project
    )
    report = result.stdout + result.stderr
    assert result.returncode == 0, report[-6000:]
    assert "Tested: 14" in report, report[-6000:]  # every operation was exercised
