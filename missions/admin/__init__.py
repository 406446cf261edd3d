"""The editors' interface: every content model, with English and French fields side by side.

``archive.py`` holds missions, astronauts, spacecraft, images and the bulk upload;
``videos.py`` the videos and the state of their processing.
"""

from . import archive, videos

__all__ = ["archive", "videos"]
