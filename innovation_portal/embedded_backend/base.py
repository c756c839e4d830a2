"""Django's PostgreSQL backend, pointed at the embedded server.

The server is started on the first connection rather than when settings are
imported, so commands that never touch the database (``collectstatic``,
``check``) start nothing.
"""

from django.db.backends.postgresql import base

from innovation_portal import embedded_db
from innovation_portal.embedded_backend.client import DatabaseClient


class DatabaseWrapper(base.DatabaseWrapper):
    client_class = DatabaseClient

    def get_connection_params(self):
        server = embedded_db.ensure_server(self.settings_dict["PGDATA"])
        params = super().get_connection_params()
        params["host"] = str(server.socket_dir)
        params.pop("port", None)
        dbname = params.get("dbname")
        if dbname and dbname != "postgres" and dbname not in _created:
            embedded_db.ensure_database(server, dbname)
            _created.add(dbname)
        return params


# Databases known to exist on the embedded server in this process.
_created: set[str] = set()
