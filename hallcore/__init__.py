"""The one-stop hall's queue rules: plain functions over dataclasses, no I/O.

Nothing in this package imports Flask, SQLAlchemy or Socket.IO; time is always
passed in (``now=``) so every rule can be tested with exact instants.
"""
