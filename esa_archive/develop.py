"""`make run`: Django's development server and the task worker, started and stopped together
(Ctrl-C stops both; if one of them ends, so does the other)."""

import os
import sys

from esa_archive.serve import run


def main():
    port = os.environ.get("PORT") or "8000"
    manage = [sys.executable, "manage.py"]
    sys.exit(
        run(
            {
                "web": [*manage, "runserver", f"127.0.0.1:{port}"],
                "worker": [*manage, "worker", "--verbosity", "0"],
            }
        )
    )


if __name__ == "__main__":
    main()
