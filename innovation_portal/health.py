import logging

from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from innovation_portal.faults import RETRY_AFTER_SECONDS

logger = logging.getLogger(__name__)


@never_cache
@require_GET
def healthz(request):
    """Liveness and readiness for load balancers and the container's health check.

    A fresh query each time: a connection that failed is dropped by Django at the end
    of the request, so the first check after the database returns reports it up again.
    """
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        database = "up"
    except Exception as error:
        # Whatever stands between the portal and its database, the answer is "down", not a 500.
        logger.warning("Health check: the database is unavailable (%s).", type(error).__name__)
        database = "down"
    status = 200 if database == "up" else 503
    response = JsonResponse(
        {"status": "ok" if status == 200 else "unavailable", "database": database}, status=status
    )
    if status == 503:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
