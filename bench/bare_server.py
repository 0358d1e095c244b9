"""A bare Flask-SocketIO broadcast server on our stack (eventlet): the ceiling for bench/fanout.py.

Events: join {room} -> join_room, ack {ok}; send {room, body} -> 'message' {room, body}
to the room (sender included), ack {ok}. Nothing else: no auth, policy or storage.
Run: python bench/bare_server.py --port 5056
Several processes share rooms through Redis (Flask-SocketIO message_queue), as ours does:
  python bench/bare_server.py --port 5056 --redis redis://127.0.0.1:6379/0 --channel bench-x
"""

import warnings

# Eventlet is our production mode (ARCHITECTURE.md); its deprecation notice is known.
warnings.filterwarnings("ignore", message=r"\s*Eventlet is deprecated")

import eventlet  # noqa: E402

eventlet.monkey_patch()

import argparse  # noqa: E402  (after monkey_patch, as eventlet asks)

from flask import Flask  # noqa: E402
from flask_socketio import SocketIO, emit, join_room  # noqa: E402


def create_app(redis_url=None, channel="flask-socketio"):
    app = Flask(__name__)
    socketio = SocketIO(
        app, async_mode="eventlet", message_queue=redis_url, channel=channel, logger=False, engineio_logger=False
    )

    @app.get("/healthz")
    def healthz():
        return "ok"

    @socketio.on("join")
    def on_join(data):
        join_room(data["room"])
        return {"ok": True}

    @socketio.on("send")
    def on_send(data):
        emit("message", {"room": data["room"], "body": data["body"]}, to=data["room"])
        return {"ok": True}

    return app, socketio


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument(
        "--redis", metavar="URL", help="Redis message queue shared with other processes (default: none)"
    )
    parser.add_argument(
        "--channel", default="flask-socketio", help="message queue channel (with --redis); unique per benchmark run"
    )
    args = parser.parse_args()
    app, socketio = create_app(args.redis, args.channel)
    socketio.run(app, host=args.host, port=args.port, log_output=False)


if __name__ == "__main__":
    main()
