"""gunicorn settings, read from the same environment variables as the app.

gunicorn -c gunicorn.conf.py "clinic360:create_app()"
"""

import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '5000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
# Threaded workers (review #23 F-11): with "sync", each client that sends its request
# slowly (or never finishes its headers) held a whole worker until `timeout`, so two such
# connections froze the default two-worker server. With "gthread" a connection waits in
# the worker's poller (a thread waits at most 5 s for its first bytes) and, once sending,
# holds one thread, not the worker. Behind the nginx of docs/operations.md (which buffers
# whole requests) no slow client reaches gunicorn at all.
worker_class = "gthread"
threads = int(os.environ.get("WEB_THREADS", "4"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT_SECONDS", "30"))
graceful_timeout = 10
# One request per connection, as with the sync workers before: a kept-alive connection that
# the server closes just as a client reuses it is a reset the client sees (seen under load).
# A connection that sends nothing is closed once its first 5 s are up.
keepalive = 0
accesslog = None  # the app writes one JSON line per API request
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# gunicorn's control socket defaults to one path per user; several servers on one machine
# (tests, make bench) would fight over it, and nothing here uses it.
control_socket_disable = True
