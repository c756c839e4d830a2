"""Point Django at the benchmark database with production-like settings, then set it up.

The benchmarks never touch the development or test databases: on the embedded server
they use a database of their own (``EMBEDDED_DB_NAME``, ``bench`` by default), and a
``DATABASE_URL`` must name a database whose name contains "bench".
"""

import os
import secrets
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_EMBEDDED_DB = "bench"


def database_label() -> str:
    url = os.environ.get("DATABASE_URL")
    if url:
        parts = urlsplit(url)
        return f"PostgreSQL server {parts.hostname}:{parts.port or 5432}{parts.path}"
    return f"embedded PostgreSQL (database {os.environ['EMBEDDED_DB_NAME']})"


def configure() -> None:
    """Set the environment for a production-like run and set Django up; call this first."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    url = os.environ.get("DATABASE_URL")
    if url:
        name = urlsplit(url).path.lstrip("/")
        if "bench" not in name:
            sys.exit(f"DATABASE_URL names database {name!r}; benchmarks need one named *bench*.")
    else:
        os.environ.setdefault("EMBEDDED_DB_NAME", DEFAULT_EMBEDDED_DB)
    # Production settings (DEBUG off, persistent connections, hashed static files), minus
    # the HTTPS redirect: the load generator speaks plain HTTP on the loopback interface.
    os.environ["DEBUG"] = "0"
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    os.environ["ALLOWED_HOSTS"] = "127.0.0.1,localhost,testserver"
    os.environ["SECURE_SSL_REDIRECT"] = "0"
    os.environ["SECURE_HSTS_SECONDS"] = "0"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    # The benchmarks measure the pages, not the rate limits, which would answer 429.
    for kind in ("SEARCH", "EXPORT", "API"):
        os.environ[f"RATE_LIMIT_{kind}"] = ""
    os.environ.setdefault("STATIC_ROOT", str(Path(tempfile.gettempdir()) / "portal-bench-static"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"

    import django

    django.setup()


def collect_static() -> None:
    """The hashed, compressed static files that production templates refer to."""
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)


def peak_rss_bytes() -> int:
    """The peak resident memory of this process's own program.

    Linux's ``ru_maxrss`` survives ``exec``: a benchmark started by a larger process would
    report its parent's peak. ``VmHWM`` belongs to the address space, which ``exec`` replaces.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    import resource

    # Kilobytes on Linux, bytes on macOS.
    scale = 1 if sys.platform == "darwin" else 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale
