"""Run the background jobs: video processing and bulk image uploads (``missions/tasks.py``)."""

import threading

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends

from missions.tasks import queue_scheduled, recover_stalled, schedule_every_minute


class Command(BaseCommand):
    help = (
        "Run queued jobs as they come (video processing, bulk image uploads) from the queue "
        "the settings choose (the database, or Redis with TASK_QUEUE_URL); jobs whose worker "
        "died are queued again; once a minute, the scheduled publishing is queued (one run a "
        "minute, however many workers). --batch runs what is queued, then stops."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch", action="store_true", help="Run every queued job, then stop.")

    def handle(self, *args, batch=False, verbosity=1, **options):
        backend = type(task_backends[DEFAULT_TASK_BACKEND_ALIAS]).__module__
        if not backend.startswith(("django_tasks_db", "django_tasks_rq")):
            raise CommandError(
                f"The task queue is {backend}, which needs no worker or has its own: this "
                "command serves the database queue and the Redis one (TASK_QUEUE_URL)."
            )
        recovered = recover_stalled()
        if recovered and verbosity:
            self.stdout.write(f"Queued again {recovered} jobs whose worker had stopped.")
        if not batch:
            threading.Thread(target=self._recover_now_and_then, daemon=True).start()
            # Scheduled publishing: this minute's run, then one at every minute.
            threading.Thread(
                target=schedule_every_minute, args=(threading.Event(),), daemon=True
            ).start()
        else:
            queue_scheduled()  # a worker run by cron carries out what is due, too
        if backend.startswith("django_tasks_rq"):
            # RQ's worker runs each job in a forked process; --batch runs them in this one.
            worker_class = "rq.worker.SimpleWorker" if batch else "rq.worker.Worker"
            call_command(
                "rqworker",
                "default",
                job_class="django_tasks_rq.Job",
                worker_class=worker_class,
                burst=batch,
                verbosity=verbosity,
            )
            return
        call_command(
            "db_worker",
            batch=batch,
            reload=False,
            startup_delay=False,
            interval=1,
            verbosity=verbosity,
        )

    @staticmethod
    def _recover_now_and_then():
        stop = threading.Event()
        while not stop.wait(max(1, settings.TASK_STALLED_SECONDS / 2)):
            recover_stalled()
