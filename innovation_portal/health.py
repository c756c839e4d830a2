from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


@never_cache
@require_GET
def healthz(request):
    """Liveness and readiness for load balancers and the container's health check."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        database = "up"
    except DatabaseError:
        database = "down"
    status = 200 if database == "up" else 503
    return JsonResponse(
        {"status": "ok" if status == 200 else "unavailable", "database": database}, status=status
    )
