"""Settings for ESA Archive, read from the environment.

Zero configuration gives a working local site on a SQLite file. Every setting that differs
between a laptop and production comes from an environment variable (see the README's table).
"""

from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from whitenoise.compress import Compressor

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

# The default key is public (it is in this file): it is only good for a local site.
DEFAULT_SECRET_KEY = "insecure-local-only-key-do-not-use-in-production"
SECRET_KEY = env.str("SECRET_KEY", default=DEFAULT_SECRET_KEY)
DEBUG = env.bool("DEBUG", default=True)

MIN_SECRET_KEY_LENGTH = 50  # as Django's own deployment check asks

if not DEBUG and SECRET_KEY == DEFAULT_SECRET_KEY:
    raise ImproperlyConfigured(
        "DEBUG is off but SECRET_KEY is the public default: set SECRET_KEY in the environment."
    )
if not DEBUG and (len(SECRET_KEY) < MIN_SECRET_KEY_LENGTH or len(set(SECRET_KEY)) < 5):
    raise ImproperlyConfigured(
        f"DEBUG is off but SECRET_KEY is too short or too simple: use at least "
        f"{MIN_SECRET_KEY_LENGTH} random characters (python -c 'import secrets; "
        f"print(secrets.token_urlsafe(50))')."
    )

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# The site's public address (https://archive.example.org), for canonical and alternate links,
# Open Graph and sitemaps; without it they use the request's host (checked by ALLOWED_HOSTS).
SITE_URL = env.str("SITE_URL", default="").rstrip("/")
# The authority of the feed entries' permanent ids (tag:<authority>,<date>:image/<id>): a domain
# the archive owns. It must never change once feeds are read.
FEED_TAG_AUTHORITY = env.str("FEED_TAG_AUTHORITY", default="esa-archive.esa.int")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "imagekit",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "ninja",  # the API's interactive documentation: its Swagger UI files, served from here
    "simple_history",  # revisions: a version of every save of a public record
    "missions",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "esa_archive.headers.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "esa_archive.headers.TextGZipMiddleware",
    "esa_archive.headers.MediaVaryMiddleware",
    "esa_archive.headers.OpenDataCorsMiddleware",
    "missions.caching.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",  # who saved each version
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks
]

# Logins: after LOGIN_FAILURE_LIMIT wrong passwords for one user name from one address, that
# pair is locked out for LOGIN_LOCKOUT_MINUTES (django-axes). The pair, not the user name alone:
# someone guessing an editor's password elsewhere cannot lock the editor out.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LOGIN_LOCKOUT_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
# Behind PROXY_COUNT reverse proxies (a TLS proxy, a load balancer), the visitor's address is
# the one the nearest of them added to X-Forwarded-For (esa_archive/headers.py).
PROXY_COUNT = env.int("PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "esa_archive.headers.client_address"

ROOT_URLCONF = "esa_archive.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "esa_archive.wsgi.application"

# DATABASE_URL=postgres://user:pass@host:5432/name selects PostgreSQL (psycopg 3).
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
# SQLite with several writers (two editors, two server processes): write-ahead logging, so
# readers never wait for a writer; transactions that take the write lock when they begin
# (IMMEDIATE), so that a writer waits its turn for up to `timeout` seconds instead of failing
# at once with "database is locked" when a read transaction tries to become a write.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": env.int("SQLITE_BUSY_SECONDS", default=20),
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
# DB_POOL=true (`make serve` sets it): on PostgreSQL, each server process keeps a pool of open
# connections (psycopg_pool) and a request borrows one, instead of connecting for each request
# (~8 ms on loopback, a third of a gallery page). Persistent connections are then off, as Django
# requires.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env.bool(
    "DB_POOL", default=False
):
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": 2,
        "max_size": env.int("DB_POOL_SIZE", default=10),
        "timeout": 10,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
# Each language's own date formats: British English for "en" (Django's "en" is American),
# Django's own for French (esa_archive/formats/).
FORMAT_MODULE_PATH = ["esa_archive.formats"]
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
# Source maps (the API docs' Swagger UI names them) are for developers' tools: not compressed,
# which saves a third of collectstatic's time (Brotli at its best).
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = (*Compressor.SKIP_COMPRESS_EXTENSIONS, "map")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# Media on S3-compatible object storage when S3_BUCKET is set (missions/storage.py): private
# objects, reached through the site's /media/ gate and short-lived signed URLs.
S3_BUCKET = env.str("S3_BUCKET", default="")
S3_ENDPOINT_URL = env.str("S3_ENDPOINT_URL", default="")
# Where browsers reach the storage, when not at S3_ENDPOINT_URL (a public name, a CDN in front).
S3_PUBLIC_URL = env.str("S3_PUBLIC_URL", default=S3_ENDPOINT_URL)
S3_SIGNED_SECONDS = env.int("S3_SIGNED_SECONDS", default=3600)
MEDIA_STORAGE = (
    {
        "BACKEND": "missions.storage.MediaStorage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": S3_ENDPOINT_URL or None,
            "access_key": env.str("S3_ACCESS_KEY_ID", default="") or None,
            "secret_key": env.str("S3_SECRET_ACCESS_KEY", default="") or None,
            "region_name": env.str("S3_REGION", default="us-east-1"),
            "default_acl": None,  # the bucket's own: private
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
    if S3_BUCKET
    else {"BACKEND": "django.core.files.storage.FileSystemStorage"}
)
STORAGES = {
    "default": MEDIA_STORAGE,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# One cache shared by every server process: a folder by default (works with several workers on
# one machine), Redis or another backend with CACHE_URL (redis://host:6379/0) for several
# machines. It holds rendered public pages (missions/caching.py) and the gallery's counts.
# REDIS_URL=redis://host:6379/0 is the one Redis several servers share: the cache (unless
# CACHE_URL names another) and the task queue (unless TASK_QUEUE_URL does).
REDIS_URL = env.str("REDIS_URL", default="")
CACHES = {
    "default": env.cache_url(
        "CACHE_URL",
        default=REDIS_URL or f"filecache://{env.path('CACHE_DIR', default=BASE_DIR / '.cache')}",
    )
}
if CACHES["default"]["BACKEND"].endswith("FileBasedCache"):
    # Culling a file cache deletes a third of it at random: keep room for many pages.
    CACHES["default"].setdefault("OPTIONS", {}).setdefault("MAX_ENTRIES", 50_000)
# Off (the default with DEBUG on, so template edits show at once): every page is rendered.
PAGE_CACHE = env.bool("PAGE_CACHE", default=not DEBUG)
PAGE_CACHE_ALIAS = "default"
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=24 * 60 * 60)
# How long a CDN or proxy may keep an anonymous page (s-maxage); browsers always revalidate.
PAGE_CACHE_CDN_SECONDS = env.int("PAGE_CACHE_CDN_SECONDS", default=60)

# The public API (/api/v1/, missions/api/): requests an anonymous client may make, per address
# (``PROXY_COUNT`` says which), as "count/period" with a period of s, m, h or d; empty: no limit.
API_ANON_RATE = env.str("API_ANON_RATE", default="300/m")
# Likes (missions/likes.py): POSTs one address may make to like pages, counted or not
# ("count/period", s, m, h or d; empty: no limit).
LIKE_RATE = env.str("LIKE_RATE", default="30/h")
# Any site may read these from a browser (CORS, read-only): the API and IIIF.
CORS_PATHS = ("/api/", "/iiif/")

# Uploads: limits an editor's file must respect (see missions/images.py).
IMAGE_MAX_UPLOAD_BYTES = env.int("IMAGE_MAX_UPLOAD_BYTES", default=40 * 1024 * 1024)
IMAGE_MAX_PIXELS = env.int("IMAGE_MAX_PIXELS", default=120_000_000)
# Django reads the whole request body for a bulk upload; allow several full-size photos.
DATA_UPLOAD_MAX_NUMBER_FILES = env.int("DATA_UPLOAD_MAX_NUMBER_FILES", default=200)
FILE_UPLOAD_PERMISSIONS = 0o644
# A file sent with an editor's form that came back with an error is kept for the next try
# (missions/pending_uploads.py); the worker removes those never used after this many hours.
PENDING_UPLOAD_HOURS = env.int("PENDING_UPLOAD_HOURS", default=24)
# IIIF (missions/iiif/): images made on demand for re-users' viewers, within these bounds. An
# answer is at most IIIF_MAX_AREA pixels (maxArea in info.json); new ones (not cached, not a
# stored rendition) are limited to IIIF_RATE per address ("count/period", s, m, h or d; empty:
# no limit); made ones stay IIIF_CACHE_SECONDS in the cache and IIIF_MAX_AGE in browsers and
# CDNs. A mission's manifest lists its newest IIIF_MANIFEST_MAX_CANVASES images.
IIIF_MAX_AREA = env.int("IIIF_MAX_AREA", default=4096 * 4096)
IIIF_RATE = env.str("IIIF_RATE", default="120/m")
IIIF_CACHE_SECONDS = env.int("IIIF_CACHE_SECONDS", default=30 * 24 * 60 * 60)
IIIF_MAX_AGE = env.int("IIIF_MAX_AGE", default=24 * 60 * 60)
IIIF_MANIFEST_MAX_CANVASES = env.int("IIIF_MANIFEST_MAX_CANVASES", default=2000)
# Videos (missions/video.py): an upload is judged by decoding it, within these limits.
VIDEO_MAX_UPLOAD_BYTES = env.int("VIDEO_MAX_UPLOAD_BYTES", default=4 * 1024**3)
VIDEO_MAX_SECONDS = env.int("VIDEO_MAX_SECONDS", default=2 * 60 * 60)
VIDEO_MAX_PIXELS = env.int("VIDEO_MAX_PIXELS", default=4096 * 2160)

# Background jobs (missions/tasks.py): video transcoding and bulk image uploads run in a worker
# (`manage.py worker`), never in the editor's request. The queue is a table of the database by
# default; TASK_QUEUE_URL=redis://host:6379/1 puts it in Redis instead.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
TASK_QUEUE_URL = env.str("TASK_QUEUE_URL", default=REDIS_URL)
# Defined even without Redis: imagekit declares an RQ job when django-rq is installed, and
# django-rq refuses to be imported without queues (nothing connects until a job is queued).
# A video of two hours takes a while to transcode: RQ's default would stop it after 180 s.
RQ_QUEUES = {
    "default": {
        "URL": TASK_QUEUE_URL or "redis://127.0.0.1:6379/0",
        "DEFAULT_TIMEOUT": 12 * 60 * 60,
    }
}
if TASK_QUEUE_URL:
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
# A job whose worker has not been heard of for this long is taken to have died, and is run again.
TASK_STALLED_SECONDS = env.int("TASK_STALLED_SECONDS", default=120)

# Renditions are made when the original is saved, never while a visitor waits.
IMAGEKIT_DEFAULT_CACHEFILE_STRATEGY = "imagekit.cachefiles.strategies.Optimistic"
IMAGEKIT_CACHEFILE_DIR = "renditions"

# No inline scripts anywhere; the admin still sets a few inline styles.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, UNSAFE_INLINE],
        # Media files redirect to the object storage, when there is one.
        "img-src": [SELF, "data:", *([S3_PUBLIC_URL] if S3_BUCKET and S3_PUBLIC_URL else [])],
        "media-src": [SELF, *([S3_PUBLIC_URL] if S3_BUCKET and S3_PUBLIC_URL else [])],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=3600)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)

# Browser features no page of ours uses, refused to every page (and to anything injected).
PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), "
    "gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), usb=(), "
    "browsing-topics=()"
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}
# Django answers /media/: itself (local files), or with redirects to signed URLs (S3).
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=False) or bool(S3_BUCKET)
