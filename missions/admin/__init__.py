"""The editors' interface: every content model, with English and French fields side by side.

``archive.py`` holds missions, astronauts, spacecraft, images and the bulk upload;
``videos.py`` the videos and the state of their processing; ``stories.py`` agencies, places,
agreements and experiments (a mission's figures, timeline and links are inlines of its page,
``story_inlines.py``).
"""

from . import archive, stories, videos

__all__ = ["archive", "stories", "videos"]
