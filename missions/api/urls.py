"""``/api/v1/``: the operations of ``media.py``, ``records.py`` and ``places.py``, their
OpenAPI description (``openapi.json``) and its interactive documentation (``docs``)."""

from django.urls import path

from . import media, places, records
from .service import api

api.add_router("", media.router)
api.add_router("", records.router)
api.add_router("", places.router)

urlpatterns = [path("", api.urls)]
