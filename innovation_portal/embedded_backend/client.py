from django.db.backends.postgresql.client import DatabaseClient as PostgresClient

from innovation_portal import embedded_db


class DatabaseClient(PostgresClient):
    """``manage.py dbshell`` on the embedded server: psql over its socket."""

    @classmethod
    def settings_to_cmd_args_env(cls, settings_dict, parameters):
        server = embedded_db.ensure_server(settings_dict["PGDATA"])
        return super().settings_to_cmd_args_env(
            {**settings_dict, "HOST": str(server.socket_dir), "PORT": ""}, parameters
        )
