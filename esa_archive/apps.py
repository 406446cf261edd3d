"""Application configurations of the project itself."""

from django.contrib.staticfiles.apps import StaticFilesConfig


class StaticFiles(StaticFilesConfig):
    """``collectstatic`` without the ReDoc viewer that django-ninja ships beside the Swagger UI
    ``/api/v1/docs`` serves: no page of ours loads it, and compressing it (4 MB with its source
    map, Brotli at its best) made each start of ``make serve`` some 20 s longer. (Source maps
    are kept, as the Swagger UI's files name theirs, but not compressed: settings.py.)"""

    ignore_patterns = [*StaticFilesConfig.ignore_patterns, "ninja/redoc*"]
