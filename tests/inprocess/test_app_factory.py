"""The app factory and its settings: reading the environment changes nothing on disk, a served
instance keeps its data folder and secret, a test config asks for nothing, and one process may
make many apps, each answering with its own database."""

from __future__ import annotations

import stat

from exchange import create_app
from exchange.config import load_config, prepare_instance, config_for_tests
from support import iso_z, suite_now


def test_load_config_only_reads(tmp_path):
    folder = tmp_path / "not-yet"
    cfg = load_config({"EXCHANGE_DATA_DIR": str(folder)})
    assert not folder.exists()
    assert cfg["SECRET_KEY"] is None and cfg["DATABASE_URL"] == f"sqlite:///{folder / 'exchange.db'}"
    assert cfg["TESTING"] is False


def test_prepare_instance_makes_the_folder_and_keeps_one_secret(tmp_path):
    folder = tmp_path / "instance"
    first = prepare_instance(load_config({"EXCHANGE_DATA_DIR": str(folder)}))
    secret = folder / "secret_key"
    assert secret.read_text() == first["SECRET_KEY"] and len(first["SECRET_KEY"]) > 40
    assert stat.S_IMODE(secret.stat().st_mode) == 0o600
    again = prepare_instance(load_config({"EXCHANGE_DATA_DIR": str(folder)}))
    assert again["SECRET_KEY"] == first["SECRET_KEY"]  # sessions survive a restart
    given = prepare_instance(load_config({"EXCHANGE_DATA_DIR": str(tmp_path / "other"), "SECRET_KEY": "from-env"}))
    assert given["SECRET_KEY"] == "from-env" and not (tmp_path / "other" / "secret_key").exists()


def test_a_test_config_writes_no_secret(tmp_path):
    app = create_app(config_for_tests(tmp_path, EXCHANGE_FAKE_NOW=iso_z(suite_now())))
    assert app.testing and app.config["SECRET_KEY"]
    assert not (tmp_path / "secret_key").exists()
    app.extensions["exchange.db.engine"].dispose()


def test_two_apps_in_one_process_keep_their_own_databases(app, tmp_path):
    from exchange.db import db
    from exchange.schema import upgrade

    other_folder = tmp_path / "second"
    other_folder.mkdir()
    other = create_app(config_for_tests(other_folder, EXCHANGE_FAKE_NOW=iso_z(suite_now())))
    upgrade(other.config["DATABASE_URL"])
    try:
        assert app.test_client().get("/healthz").status_code == 200
        assert other.test_client().get("/healthz").status_code == 200
        with app.app_context():  # on PostgreSQL the test's app runs on one connection (`.engine` is its engine)
            first_url = str(getattr(db.engine, "url", None) or db.engine.engine.url)
        with other.app_context():
            second_url = str(db.engine.url)
        assert first_url != second_url and "second" in second_url
    finally:
        other.extensions["exchange.db.engine"].dispose()


def test_links_in_e_mails_start_with_the_public_address_not_the_host_header(app):
    """With EXCHANGE_PUBLIC_URL set, a forged Host header never reaches an invitation link."""
    from exchange.outbox import link_root

    assert load_config({"EXCHANGE_PUBLIC_URL": "https://exchange.district.example/"})["LINK_ROOT"] == (
        "https://exchange.district.example/"
    )
    assert load_config({"EXCHANGE_PUBLIC_URL": "javascript:alert(1)"})["LINK_ROOT"] is None
    assert load_config({})["LINK_ROOT"] is None
    with app.test_request_context("/", base_url="http://attacker.example"):
        app.config["LINK_ROOT"] = None
        assert link_root() == "http://attacker.example/"  # no setting: the request's own address
        app.config["LINK_ROOT"] = "https://exchange.district.example"
        assert link_root() == "https://exchange.district.example/"
    app.config["LINK_ROOT"] = None
