"""The editors' interface: every content model, with English and French fields side by side.

``archive.py`` holds missions, astronauts, spacecraft, images and the bulk upload;
``videos.py`` the videos and the state of their processing; ``stories.py`` agencies, places,
agreements and experiments (a mission's figures, timeline and links are inlines of its page,
``story_inlines.py``). ``translation_status.py``: which records miss a French or English text.
"""

from django.contrib import admin

from . import archive, stories, videos

# The index with the counts of texts to translate (translation_status.py).
admin.site.index_template = "admin/translation_status_index.html"

__all__ = ["archive", "stories", "videos"]
