"""Scheduled publishing: "publish at" and "unpublish at", carried out by the worker at the
minute (``missions/scheduling.py``), queued once a minute however many workers run."""

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from missions import scheduling, tasks
from missions.models import ImageCaption, Video
from tests.factories import make_image, make_mission
from tests.test_admin import _form_data


@pytest.fixture
def page_cache_on(settings):
    settings.PAGE_CACHE = True


def gallery(client):
    response = client.get(reverse("missions:gallery"))
    assert response.status_code == 200
    return response.content.decode()


def test_a_draft_whose_time_has_come_is_published_and_shows_on_the_cached_gallery(
    client, db, page_cache_on
):
    now = timezone.now()
    mission = make_mission()
    due = make_image(mission=mission, title_en="Aurora at dawn", is_published=False, publish_at=now)
    later = make_image(
        mission=mission,
        title_en="Moonrise tomorrow",
        is_published=False,
        publish_at=now + timedelta(days=1),
    )
    before = gallery(client)
    assert gallery(client) == before  # from the cache now
    assert "Aurora at dawn" not in before

    report = scheduling.carry_out(now + timedelta(seconds=1))

    assert report == {"published": 1, "unpublished": 0, "waiting": 0}
    due.refresh_from_db()
    later.refresh_from_db()
    assert due.is_published and due.publish_at is None
    assert not later.is_published and later.publish_at == now + timedelta(days=1)
    after = gallery(client)
    assert "Aurora at dawn" in after
    assert "Moonrise tomorrow" not in after
    # The gallery's counts were recounted: the mission's facet counts the new image.
    assert ImageCaption.objects.published().filter(mission=mission).count() == 1


def test_unpublish_at_takes_a_page_down(client, db, page_cache_on):
    now = timezone.now()
    image = make_image(title_en="Embargoed briefing", unpublish_at=now - timedelta(minutes=1))
    page = reverse("missions:image", kwargs={"slug": image.slug})
    assert client.get(page).status_code == 200
    assert "Embargoed briefing" in gallery(client)

    assert scheduling.carry_out(now)["unpublished"] == 1

    image.refresh_from_db()
    assert not image.is_published and image.unpublish_at is None
    assert client.get(page).status_code == 404
    assert "Embargoed briefing" not in gallery(client)


def test_an_image_without_a_caption_stays_a_draft_and_keeps_its_time(db, caplog):
    when = timezone.now() - timedelta(minutes=5)
    image = make_image(caption_en="", caption_fr="", is_published=False, publish_at=when)

    assert scheduling.carry_out()["waiting"] == 1

    image.refresh_from_db()
    assert not image.is_published
    assert image.publish_at == when  # tried again next minute, once it has a caption
    assert "stays a draft" in caplog.text
    kind, reason = scheduling.next_action(image)
    assert kind == "overdue" and "caption" in reason

    image.caption_en = "Written at last."
    image.save()
    assert scheduling.carry_out()["published"] == 1
    image.refresh_from_db()
    assert image.is_published and image.publish_at is None


def test_a_video_not_processed_yet_waits_for_its_processing(jobs, db):
    from tests.factories import new_video

    video = new_video(jobs, run=False, is_published=False)
    Video.objects.filter(pk=video.pk).update(publish_at=timezone.now())

    assert scheduling.carry_out()["waiting"] == 1
    assert not Video.objects.get(pk=video.pk).is_published

    jobs.run()  # processed: published at the next minute
    assert scheduling.carry_out()["published"] == 1
    video.refresh_from_db()
    assert video.is_published and video.publish_at is None


def test_both_times_past_the_later_one_holds(db):
    now = timezone.now()
    window_over = make_mission(
        is_published=False,
        publish_at=now - timedelta(hours=2),
        unpublish_at=now - timedelta(hours=1),
    )
    back_again = make_mission(
        is_published=True,
        unpublish_at=now - timedelta(hours=2),
        publish_at=now - timedelta(hours=1),
    )
    scheduling.carry_out(now)
    window_over.refresh_from_db()
    back_again.refresh_from_db()
    assert not window_over.is_published
    assert (window_over.publish_at, window_over.unpublish_at) == (None, None)
    assert back_again.is_published
    assert (back_again.publish_at, back_again.unpublish_at) == (None, None)


def test_nothing_due_costs_one_query_per_model_and_renews_nothing(db, page_cache_on):
    from missions.caching import current_version

    make_image(is_published=False, publish_at=timezone.now() + timedelta(hours=1))
    make_mission(unpublish_at=timezone.now() + timedelta(hours=1))
    version = current_version()
    with CaptureQueriesContext(connection) as few:
        scheduling.carry_out()
    assert current_version() == version  # the cached pages stay
    for _n in range(5):
        make_image(is_published=False, publish_at=timezone.now() + timedelta(hours=1))
    with CaptureQueriesContext(connection) as more:
        scheduling.carry_out()
    assert len(few) == len(more) == len(scheduling.scheduled_models())


def test_the_image_query_uses_the_schedule_indexes(db):
    if connection.vendor != "sqlite":
        pytest.skip("the plan is read from SQLite's EXPLAIN QUERY PLAN")
    query = ImageCaption.objects.filter(scheduling.due(timezone.now())).values_list("pk")
    sql, params = query.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        plan = " ".join(str(row[-1]) for row in cursor.fetchall())
    assert "image_publish_at_idx" in plan and "image_unpublish_at_idx" in plan, plan


def test_two_schedulers_queue_one_run_a_minute(jobs, db):
    minute = timezone.now().replace(second=0, microsecond=0)
    start = threading.Barrier(2)
    queued = []

    def scheduler():
        start.wait()
        queued.append(tasks.queue_scheduled(minute + timedelta(seconds=0.2)))

    workers = [threading.Thread(target=scheduler) for _n in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert sorted(queued) == [False, True]  # (queued in its thread's own dummy queue)
    assert not tasks.queue_scheduled(minute + timedelta(seconds=59))
    assert tasks.queue_scheduled(minute + timedelta(minutes=1))
    assert [result.task.name for result in jobs.queued()] == ["publish_scheduled"]

    make_image(is_published=False, publish_at=minute)
    jobs.run()
    assert ImageCaption.objects.get().is_published


def test_the_scheduler_thread_queues_at_each_minute_until_stopped(db, monkeypatch):
    stop = threading.Event()
    minutes = iter(timezone.now() + timedelta(minutes=n) for n in range(3))
    queue, queued = tasks.queue_scheduled, []
    monkeypatch.setattr(tasks, "queue_scheduled", lambda: queued.append(queue(next(minutes))))
    waits = []

    def next_minute():
        waits.append(1)
        if len(waits) == 4:
            stop.set()
        return 0

    monkeypatch.setattr(tasks, "seconds_to_next_minute", next_minute)
    # Its fourth minute has no time left: an error, logged, and the thread goes on.
    scheduler = threading.Thread(target=tasks.schedule_every_minute, args=(stop,))
    scheduler.start()
    scheduler.join(timeout=10)
    assert not scheduler.is_alive()
    assert queued == [True, True, True]


def schedule_form(editor_client, image, **times):
    url = reverse("admin:missions_imagecaption_change", args=[image.pk])
    data = _form_data(editor_client.get(url))
    for name, value in times.items():
        data[f"{name}_0"], data[f"{name}_1"] = value
    return editor_client.post(url, data, follow=True)


def test_the_admin_form_saves_the_times_and_says_when(editor_client, db):
    image = make_image(is_published=False)
    response = schedule_form(
        editor_client,
        image,
        publish_at=("2030-12-07", "09:00"),
        unpublish_at=("2030-12-31", "18:00"),
    )
    assert response.status_code == 200
    image.refresh_from_db()
    assert timezone.localtime(image.publish_at).strftime("%Y-%m-%d %H:%M") == "2030-12-07 09:00"
    assert timezone.localtime(image.unpublish_at).strftime("%Y-%m-%d %H:%M") == "2030-12-31 18:00"
    shown = [str(message) for message in response.context["messages"]]
    assert any("Will be published at 7 Dec 2030 09:00 (Paris time)" in m for m in shown), shown

    listing = editor_client.get(reverse("admin:missions_imagecaption_changelist"))
    assert "publish 7 Dec 2030 09:00" in listing.content.decode()
    scheduled = editor_client.get(
        reverse("admin:missions_imagecaption_changelist"), {"scheduled": "publish"}
    )
    assert scheduled.context["cl"].result_count == 1


def test_the_admin_form_refuses_unpublish_before_publish(editor_client, db):
    image = make_image(is_published=False)
    response = schedule_form(
        editor_client,
        image,
        publish_at=("2030-12-07", "09:00"),
        unpublish_at=("2030-12-06", "09:00"),
    )
    form = response.context["adminform"].form
    assert "unpublish_at" in form.errors
    image.refresh_from_db()
    assert image.publish_at is None


@pytest.mark.parametrize("model", scheduling.scheduled_models())
def test_every_publishable_form_has_the_times_after_published(editor_client, db, model):
    from django.contrib import admin

    request = editor_client.get(reverse("admin:index")).wsgi_request
    for obj in (None, model()):
        lines = [
            line
            for _name, options in admin.site._registry[model].get_fieldsets(request, obj)
            for line in options["fields"]
        ]
        published = next(n for n, line in enumerate(lines) if "is_published" in str(line))
        assert lines[published + 1] == ("publish_at", "unpublish_at")
    name = model._meta.model_name
    page = editor_client.get(reverse(f"admin:missions_{name}_add")).content.decode()
    assert 'name="publish_at_0"' in page


def test_overdue_drafts_are_listed_with_the_reason(editor_client, db):
    make_image(
        title_en="No words yet",
        caption_en="",
        caption_fr="",
        is_published=False,
        publish_at=timezone.now() - timedelta(hours=1),
    )
    url = reverse("admin:missions_imagecaption_changelist")
    response = editor_client.get(url, {"scheduled": "overdue"})
    assert response.context["cl"].result_count == 1
    assert "overdue: Write the caption" in response.content.decode()


def test_the_list_of_overdue_drafts_costs_the_same_queries_with_more_rows(
    editor_client, django_assert_max_num_queries, db
):
    """The reason of each overdue row is worked out without asking the database."""
    url = reverse("admin:missions_imagecaption_changelist")

    def queries(count):
        while ImageCaption.objects.count() < count:
            make_image(is_published=False, publish_at=timezone.now() - timedelta(hours=1))
        with django_assert_max_num_queries(25) as captured:
            response = editor_client.get(url, {"scheduled": "overdue"})
        assert response.context["cl"].result_count == count
        return len(captured)

    assert queries(3) == queries(13)


def test_scheduling_an_image_without_caption_warns_the_editor(editor_client, db):
    image = make_image(caption_en="", caption_fr="", is_published=False)
    response = schedule_form(editor_client, image, publish_at=("2030-12-07", "09:00"))
    shown = [str(message) for message in response.context["messages"]]
    assert any("stays a draft until it can: Write the caption" in m for m in shown), shown
