"""Gunicorn settings for `make serve` (esa_archive/serve.py), also usable on their own:
`gunicorn --config esa_archive/gunicorn.conf.py` with the same environment.

Worker model: gunicorn's native asyncio worker running Django's ASGI application. Each worker
reads requests with an event loop, so a client that opens a connection and never finishes its
request (or reads its answer slowly) holds a socket, not a worker or a thread; Django runs each
request's synchronous code in a thread of its own once the request has fully arrived. The sync
and gthread workers give a connection a worker or a thread for as long as its headers take: 2
stalled sockets froze 2 sync workers, 50 froze 2 × 4 threads, 200 froze 2 × 32 threads; with the
asyncio worker a page still answered in under half a second beside 1000 of them. Cheap answers
(static files, cached pages) cost it about twice the CPU, pages that render cost the same
(measurements in the README, "Production").

Workers: WEB_CONCURRENCY, or one per CPU this process may use, at least 2. Python runs one
thread at a time per process, so more workers than cores only adds memory; the second worker
keeps the site up while the other one restarts.
"""

import logging
import os
import warnings

host = os.environ.get("HOST") or "127.0.0.1"
port = os.environ.get("PORT") or "8000"
bind = [f"[{host}]:{port}" if ":" in host else f"{host}:{port}"]

wsgi_app = "esa_archive.asgi:application"
worker_class = "asgi"
asgi_lifespan = "off"  # Django has no lifespan events
cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
workers = int(os.environ.get("WEB_CONCURRENCY") or max(2, cpus or 1))
# Each worker opens its own listening socket and the kernel shares connections among them.
# With one shared socket, the first worker to wake took all 16 kept-alive connections of a
# load test and the other core stayed idle.
reuse_port = True

accesslog = None  # GUNICORN_CMD_ARGS="--access-logfile -" turns it on
errorlog = "-"
control_socket_disable = True  # no control socket under ~/.gunicorn
proc_name = "esa-archive"

# WhiteNoise and Django's static file view hand Django a file to stream; under ASGI Django
# reads it in a thread and says so once per worker. Expected here, not an error.
warnings.filterwarnings(
    "ignore", message="StreamingHttpResponse must consume synchronous iterators"
)


def on_starting(server):
    """Django answers HEAD with the page's body and gunicorn drops it, as it should; its warning
    for every HEAD request (uptime checks send them all day) would bury real errors."""
    logging.getLogger("gunicorn.error").addFilter(
        lambda record: not record.getMessage().startswith("ASGI app sent body bytes on a no-body")
    )
