from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MissionsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "missions"
    verbose_name = _("Mission archive")

    def ready(self):
        from django.db.backends.signals import connection_created

        from . import caching  # noqa: F401  (connects the page cache's signal handlers)
        from .duplicates import connect_signals as record_image_hashes
        from .facets import connect_signals
        from .search.sqlite import register_functions

        connect_signals()
        record_image_hashes()
        connection_created.connect(register_functions)
