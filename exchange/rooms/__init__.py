"""Rooms: live rooms of a session or a class, membership, policy, ordered history, presence."""

from ..signals import access_changed, login_ended


def init_app(app) -> None:
    # why: lazy, so that importing `exchange.rooms.models` (schema, other domains) registers no
    # Socket.IO handlers and blueprint; the app factory calls this once the app exists.

    from . import events  # noqa: F401  why: registers the Socket.IO handlers (see above)
    from .live import close_sockets, recheck_access  # why: see above
    from .views import bp  # why: see above

    app.register_blueprint(bp)
    access_changed.connect(recheck_access, weak=False)
    login_ended.connect(close_sockets, weak=False)
