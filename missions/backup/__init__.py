"""One file with the whole archive, its records and its media, restorable on a fresh machine.

The file is a tar archive, not compressed as a whole: the media (JPEG, PNG, WebP) do not shrink,
and an uncompressed tar is read member by member without unpacking the rest. It holds

- ``records.jsonl.gz``: the records in Django's JSON Lines serialization format (``dumpdata
  --format jsonl``), one record a line so that neither side holds them all in memory, and
  gzip-compressed, as text shrinks about ten times. Times keep their microseconds (Django's JSON
  encoder cuts them to milliseconds, which would move every ``created_at`` / ``updated_at`` and
  the feed's dates). Users, groups, permissions and content types are named by natural keys
  (names, not ids, which differ from one database to another); every other record keeps its id,
  so links and the admin history stay right.
- ``media/<name>``: every image's original and renditions, by their names in ``MEDIA_ROOT``.
- ``manifest.json``, last: the format, when and from which database, how many records of each
  model and media files. A file cut short has no manifest, or fewer members than it counts, and
  is refused.

Nothing in it depends on the database it came from: a backup of SQLite restores onto PostgreSQL
and the other way round. What is derived is not in the file and a restore makes it again: the
gallery's counts, the search index, the page cache's version, PostgreSQL's id sequences.
"""

from .format import MODELS, BackupError, models, summary
from .restoring import restore
from .writing import write

__all__ = ["MODELS", "BackupError", "models", "restore", "summary", "write"]
