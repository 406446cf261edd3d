"""Where media files live: the local ``MEDIA_ROOT`` (the default), or an S3-compatible object
storage when ``S3_BUCKET`` is set (several servers, no shared disk).

On object storage every object is private. Pages link to ``/media/<name>`` on the site, as
they do with local files; ``media.serve_media`` checks that the file belongs to something a
visitor may see (or that the user may preview it), then redirects to a short-lived signed URL:
the bytes come straight from the storage, and a draft's file cannot be fetched by anyone who
is not an editor, whatever its address. One private bucket rather than a public and a private
one: whether a file is public depends on its image *and* its mission, so publishing a mission
would otherwise mean moving or re-permissioning every file of its images; here it is one check
when the file is asked for, always right.
"""

import threading

from django.conf import settings
from storages.backends.s3 import S3Storage
from storages.utils import clean_name


class MediaStorage(S3Storage):
    """Private objects; ``url()`` is the site's own gate, ``signed_url()`` the storage's.

    Signed URLs are made for ``S3_PUBLIC_URL`` when the storage answers browsers at another
    address than the one the servers write to (``http://seaweedfs:8333`` inside,
    ``https://media.example.org`` outside): the signature covers the host it is made for.
    """

    def url(self, name, parameters=None, expire=None, http_method=None):
        return settings.MEDIA_URL + name.lstrip("/")

    def signed_url(self, name, seconds):
        public = settings.S3_PUBLIC_URL
        if not public or public == self.endpoint_url:
            return super().url(name, expire=seconds)
        return self._public_client().generate_presigned_url(
            "get_object",
            Params={"Bucket": self.bucket_name, "Key": self._normalize_name(clean_name(name))},
            ExpiresIn=seconds,
        )

    def _public_client(self):
        local = self.__dict__.setdefault("_public", threading.local())
        if getattr(local, "client", None) is None:
            local.client = self._create_session().client(
                "s3",
                endpoint_url=settings.S3_PUBLIC_URL,
                region_name=self.region_name,
                config=self.client_config,
            )
        return local.client
