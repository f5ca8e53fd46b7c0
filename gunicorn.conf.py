"""gunicorn settings, read from the same environment variables as the app.

    gunicorn -c gunicorn.conf.py "clinic360:create_app()"
"""

import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '5000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT_SECONDS", "30"))
graceful_timeout = 10
keepalive = 5
accesslog = None  # the app writes one JSON line per API request
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# gunicorn's control socket defaults to one path per user; several servers on one machine
# (tests, make bench) would fight over it, and nothing here uses it.
control_socket_disable = True
