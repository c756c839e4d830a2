"""The portal's URLs, plus ``/bench/yardstick/`` when ``BENCH_YARDSTICK=1``.

The yardstick is the cheapest possible Django view behind the same middleware, served
by the same gunicorn workers: the pages' throughput is reported relative to it.
"""

import os

from django.http import HttpResponse
from django.urls import path

from innovation_portal.urls import handler404, handler500, urlpatterns  # noqa: F401


def yardstick(request):
    return HttpResponse("ok", content_type="text/plain")


if os.environ.get("BENCH_YARDSTICK") == "1":
    urlpatterns = [path("bench/yardstick/", yardstick, name="bench_yardstick"), *urlpatterns]
