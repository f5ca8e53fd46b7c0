"""The email outbox, written by any domain inside its own transaction.

`enqueue.py` adds rows; `models.py` holds the table and the email kinds. This package knows
nothing about users or appointments (only the foreign keys, by table name): domains describe
their emails themselves (`accounts/emails.py`, `appointments/emails.py`) and the
notifications package, which sits above them, renders and delivers the rows.
"""
