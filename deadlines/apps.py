from django.apps import AppConfig


class DeadlinesConfig(AppConfig):
    """How long a web request waits for the database: a deadline on each query, after which
    its connection is dropped and the visitor gets the 503 page instead of a worker that hangs
    until gunicorn kills it; longer deadlines for the admin's exports."""

    name = "deadlines"

    def ready(self):
        from django.core.signals import request_started

        from .connections import drop_closed_connections

        request_started.connect(drop_closed_connections, dispatch_uid="deadlines.drop_closed")
