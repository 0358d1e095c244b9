"""Rooms: live rooms of a session or a class, membership, policy, ordered history, presence."""


def init_app(app) -> None:
    from . import events  # noqa: F401  (registers the Socket.IO handlers)
    from .views import bp

    app.register_blueprint(bp)
