"""`make serve`: ESA Archive in production mode on this machine, in one command.

`make run` is Django's development server: DEBUG on, one process, one client at a time. This
launcher serves the site the way production does, with nothing to configure first:

1. Production defaults, only where the environment says nothing: DEBUG=false,
   SECURE_SSL_REDIRECT=false (this is plain HTTP; set it to true behind a TLS proxy),
   SERVE_MEDIA=true (uploads served by Django: one machine, no other web server), and
   CONN_MAX_AGE=0 (under ASGI each request runs in a thread of its own, and Django asks for
   persistent database connections to be off), and DB_POOL=true (on PostgreSQL, a pool of
   connections per process instead).
2. SECRET_KEY: when it is not set, one is generated once into `.secret_key` at the repository
   root (mode 0600, git-ignored; SECRET_KEY_FILE names another file) and read at every start,
   so sessions and password-reset links survive a restart.
3. `migrate` and `collectstatic`.
4. The processes the site needs (``processes()``), started together and stopped together:
   Ctrl-C or SIGTERM stops them all, and if one of them ends, the others are stopped: the web
   server (gunicorn, with the settings and the reasons in esa_archive/gunicorn.conf.py) and the
   task worker (``manage.py worker``: video processing, bulk uploads).
"""

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUNICORN_CONF = Path(__file__).resolve().parent / "gunicorn.conf.py"
PRODUCTION_DEFAULTS = {
    "DEBUG": "false",
    "SECURE_SSL_REDIRECT": "false",
    "SERVE_MEDIA": "true",
    "CONN_MAX_AGE": "0",
    "DB_POOL": "true",
}
STOP_SECONDS = 40  # gunicorn's graceful timeout (30 s) and some room


def processes():
    """Name and command of every process the site needs: the web server, and the task worker
    unless SERVE_WORKER=false (app servers of a cluster, whose workers run elsewhere)."""
    commands = {"web": [sys.executable, "-m", "gunicorn", "--config", str(GUNICORN_CONF)]}
    if os.environ.get("SERVE_WORKER", "true").lower() in ("false", "0", "no", "off"):
        return commands
    return {
        **commands,
        # One process, two threads (the queue, the recovery of stalled jobs): each keeps its
        # connection, and needs no pool of them.
        "worker": [
            "env",
            "DB_POOL=false",
            "CONN_MAX_AGE=600",
            sys.executable,
            "manage.py",
            "worker",
            "--verbosity",
            "0",
        ],
    }


def secret_key(path):
    """The key in ``path``, written there first (0600, never overwritten) if it does not exist."""
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        if path.stat().st_mode & 0o077:
            print(f"Warning: {path} can be read by other users (chmod 600 it).", file=sys.stderr)
    else:
        with os.fdopen(descriptor, "w") as key_file:
            # URL-safe characters only: django-environ reads a value starting with "$" as the name
            # of another variable, and Django's own generator starts one key in 50 with "$".
            key_file.write(secrets.token_urlsafe(50) + "\n")
        print(f"Generated a secret key in {path}; every start reads it from there.")
    key = path.read_text().strip()
    if not key:
        sys.exit(f"{path} is empty: delete it and a new key is generated.")
    return key


def prepare():
    """Production environment, then the database and the static files."""
    for name, value in PRODUCTION_DEFAULTS.items():
        os.environ.setdefault(name, value)
    if not os.environ.get("SECRET_KEY"):
        os.environ["SECRET_KEY"] = secret_key(
            Path(os.environ.get("SECRET_KEY_FILE") or ROOT / ".secret_key")
        )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "esa_archive.settings")
    sys.path.insert(0, str(ROOT))
    import django
    from django.core.management import call_command
    from django.db import connections

    django.setup()
    call_command("migrate", interactive=False, verbosity=1)
    # Not the ReDoc viewer django-ninja ships beside the Swagger UI of /api/v1/docs: no page of
    # ours loads it, and compressing it (4 MB with its source map) made each start 20 s longer.
    call_command("collectstatic", interactive=False, verbosity=1, ignore_patterns=["ninja/redoc*"])
    connections.close_all()
    # This process only waits for the others now: it must not keep a pool of connections open.
    for connection in connections.all():
        if hasattr(connection, "close_pool"):
            connection.close_pool()


def check_port_free(host, port):
    """Fail early and clearly: with reuse_port, a second server could share the port unnoticed."""
    family, kind, _, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    with socket.socket(family, kind) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as error:
            sys.exit(f"Cannot serve on {host}:{port}: {error.strerror}. Choose another PORT.")


def run(commands):
    """Start every command, wait for a signal or for one of them to end, then stop them all."""
    received = []
    for name in ("SIGINT", "SIGTERM", "SIGHUP"):
        signal.signal(getattr(signal, name), lambda number, _frame: received.append(number))
    children = {name: subprocess.Popen(command, cwd=ROOT) for name, command in commands.items()}
    ended = None
    while not received and ended is None:
        ended = next((name for name, child in children.items() if child.poll() is not None), None)
        time.sleep(0.2)
    for child in children.values():
        if child.poll() is None:
            child.terminate()
    deadline = time.monotonic() + STOP_SECONDS
    for child in children.values():
        try:
            child.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
    if ended is not None:
        print(f"The {ended} process ended (exit {children[ended].returncode}); stopped the rest.")
        return children[ended].returncode or 1
    return 0


def main():
    signal.signal(signal.SIGINT, lambda _number, _frame: sys.exit(130))  # Ctrl-C while preparing
    host = os.environ.get("HOST") or "127.0.0.1"
    port = int(os.environ.get("PORT") or 8000)
    check_port_free(host, port)
    prepare()
    shown = f"[{host}]" if ":" in host else host
    print(
        f"\n  ESA Archive is served on  http://{shown}:{port}/en/  (Ctrl-C stops it)\n", flush=True
    )
    sys.exit(run(processes()))


if __name__ == "__main__":
    main()
