"""Serves the project's WSGI application on 127.0.0.1 with the standard library's wsgiref
server: one request at a time, no autoreloader, no static files. A child process of
``benchmarks/export_publications.py``, which reads the server's memory from /proc.

    DATABASE_URL=postgres://… python -m benchmarks.serve [--port 0]

Prints the port it listens on (one line on standard output) once it is ready.
"""

import argparse
import os
from wsgiref.simple_server import WSGIRequestHandler, make_server


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):
        pass


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port.")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "growth_portal.settings")
    from django.core.wsgi import get_wsgi_application

    application = get_wsgi_application()
    with make_server("127.0.0.1", args.port, application, handler_class=QuietHandler) as server:
        print(server.server_port, flush=True)
        server.serve_forever()


if __name__ == "__main__":
    main()
