"""The renditions command: fills in what is missing, regenerates on demand."""

from io import StringIO

from django.core.management import call_command

from tests.factories import make_image


def run(*args):
    out = StringIO()
    call_command("renditions", *args, stdout=out)
    return out.getvalue()


def test_missing_renditions_are_made_again(db):
    image = make_image()
    lost = image.webp_640
    lost.storage.delete(lost.name)
    assert not lost.storage.exists(lost.name)
    output = run()
    assert lost.storage.exists(lost.name)
    assert "1 renditions written, 5 already there." in output
    assert "1/1" in output


def test_a_second_run_has_nothing_to_do(db):
    make_image()
    make_image()
    assert "0 renditions written, 12 already there." in run()


def test_force_regenerates_everything(db):
    make_image()
    assert "6 renditions written, 0 already there." in run("--force")
