"""A bare Flask-SocketIO server for the browser tests of static/js/sio.js.

It serves the test page from tests/browser/pages/ and the repository's static/ folder
under a strict Content-Security-Policy, and answers a handful of events that exercise
every part of the protocol the client speaks.
Run: python tests/browser/sio_echo_server.py --port 5055 [--async-mode threading]
"""

import argparse
import os
import sys
import warnings

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))

# The same CSP the app pages get: no inline script, no eval, same-origin sockets only.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; "
    "connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'"
)


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--async-mode", choices=["eventlet", "threading"], default="eventlet")
    parser.add_argument("--ping-interval", type=float, default=25)
    parser.add_argument("--ping-timeout", type=float, default=20)
    return parser.parse_args(argv)


def create_app(args):
    """Build the app; imported after eventlet has patched the standard library."""
    from flask import Flask, request, send_from_directory
    from flask_socketio import SocketIO, ConnectionRefusedError, disconnect, emit

    app = Flask(__name__, static_folder=os.path.join(REPO, "static"), static_url_path="/static")
    socketio = SocketIO(
        app,
        async_mode=args.async_mode,
        logger=False,
        engineio_logger=False,
        ping_interval=args.ping_interval,
        ping_timeout=args.ping_timeout,
    )

    @app.after_request
    def strict_headers(response):
        response.headers["Content-Security-Policy"] = CSP
        response.headers["Cache-Control"] = "no-store"
        return response

    @app.get("/")
    def page():
        return send_from_directory(os.path.join(HERE, "pages"), "sio_test.html")

    @app.get("/pages/<path:name>")
    def page_asset(name):
        return send_from_directory(os.path.join(HERE, "pages"), name)

    @app.get("/healthz")
    def healthz():
        return "ok"

    @socketio.on("connect")
    def on_connect(auth):
        token = (auth or {}).get("token")
        if token == "bad":
            raise ConnectionRefusedError("bad token")
        if token == "false":
            return False
        emit("welcome", {"sid": request.sid, "token": token})
        return True

    @socketio.on("echo")
    def on_echo(data):
        return {"ok": True, "echo": data}

    @socketio.on("push_me")
    def on_push_me(data):
        for n in range(1, int(data.get("n", 1)) + 1):
            emit("news", {"n": n})

    @socketio.on("ask_me")
    def on_ask_me(data):
        sid = request.sid

        def answered(*reply):
            socketio.emit("answer_received", {"reply": list(reply)}, to=sid)

        emit("question", data, callback=answered)

    @socketio.on("slow")
    def on_slow(data):
        socketio.sleep(float(data.get("delay", 1)))
        return {"ok": True, "late": True}

    @socketio.on("kick_me")
    def on_kick_me():
        disconnect()

    @socketio.on("send_binary")
    def on_send_binary():
        emit("blob", {"bytes": b"\x00\x01\x02"})
        emit("after_blob", {"ok": True})

    return app, socketio


def main(argv=None):
    args = parse_args(argv)
    if args.async_mode == "eventlet":
        warnings.filterwarnings("ignore", message=r"\s*Eventlet is deprecated")
        import eventlet

        eventlet.monkey_patch()
    app, socketio = create_app(args)
    print(f"serving on http://{args.host}:{args.port}", file=sys.stderr, flush=True)
    socketio.run(app, host=args.host, port=args.port, log_output=False, allow_unsafe_werkzeug=True)


if __name__ == "__main__":
    main()
