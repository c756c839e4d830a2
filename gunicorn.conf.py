"""gunicorn settings for the container, sized for the machine it runs on.

Each value can be overridden by its environment variable (README) or GUNICORN_CMD_ARGS.
"""

import os


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def _cores() -> int:
    # The CPUs this process may run on, which a container limits; cpu_count() sees the host.
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


bind = f"0.0.0.0:{_int('PORT', 8000)}"
# Two workers per core and one more: while one waits for the database another runs Python.
workers = _int("WEB_CONCURRENCY", 2 * _cores() + 1)
# Threaded workers (gthread) keep connections alive between requests and serve another
# request while one waits for the database or the cache: on the 2-core benchmark machine
# 4 threads gave 3 times the requests per second of sync workers (docs/performance.md).
# Each thread holds its own database connection: workers × threads connections in all.
threads = _int("GUNICORN_THREADS", 4)
worker_class = "gthread" if threads > 1 else "sync"
# The application is imported once in the master: workers start at once and share memory.
preload_app = True
# A request that has not answered in this time is stopped and its worker replaced.
timeout = _int("GUNICORN_TIMEOUT", 30)
graceful_timeout = 30
keepalive = 5
# Recycle each worker after about this many requests, not all at once, so slow leaks
# never accumulate and the workers never restart together.
max_requests = _int("GUNICORN_MAX_REQUESTS", 2000)
max_requests_jitter = max_requests // 10
# Heartbeat files in memory: a slow disk never makes the master think a worker hangs.
_SHM = "/dev/shm"  # noqa: S108 - gunicorn's own files, not data
worker_tmp_dir = _SHM if os.path.isdir(_SHM) else None
# Requests go into the request log of the portal itself (innovation_portal.request_logging).
accesslog = None
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
