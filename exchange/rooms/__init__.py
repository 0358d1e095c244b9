"""Rooms: live rooms of a session or a class, membership, policy, ordered history, presence."""


def init_app(app) -> None:
    from ..signals import access_changed, login_ended
    from . import events  # noqa: F401  (registers the Socket.IO handlers)
    from .services import close_sockets, recheck_access
    from .views import bp

    app.register_blueprint(bp)
    access_changed.connect(recheck_access, weak=False)
    login_ended.connect(close_sockets, weak=False)
