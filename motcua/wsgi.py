"""WSGI entry point for gunicorn (``motcua serve`` starts it with the right worker).

Importing it builds the serving process's app; eventlet's own server imports it too.
"""

import gc

from motcua.app import create_app
from motcua.housekeeping import start_housekeeping

app = create_app()
start_housekeeping(app)
# Start-up built ~100k objects that live as long as the process. Frozen, the cyclic
# collector's full passes skip them: measured under the benchmark, those passes went
# from 30-50 ms (every request in flight waits) to 2-10 ms.
gc.freeze()
