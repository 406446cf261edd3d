"""``/api/v1/``: the operations of ``media.py`` and ``records.py``, their OpenAPI description
(``openapi.json``) and its interactive documentation (``docs``)."""

from django.urls import path

from . import media, records
from .service import api

api.add_router("", media.router)
api.add_router("", records.router)

urlpatterns = [path("", api.urls)]
