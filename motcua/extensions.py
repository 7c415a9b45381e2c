"""The Flask extensions, created once and bound in ``create_app``."""

from flask_babel import Babel
from flask_limiter import Limiter
from flask_login import LoginManager
from flask_socketio import SocketIO
from flask_wtf import CSRFProtect

from motcua.ratelimit import limit_key

socketio = SocketIO()
login_manager = LoginManager()
csrf = CSRFProtect()
babel = Babel()
# No X-RateLimit-* headers on every answer (reading the window costs each request):
# a refused request says when to come back in Retry-After (motcua.ratelimit).
limiter = Limiter(key_func=limit_key, default_limits=[], headers_enabled=False)
