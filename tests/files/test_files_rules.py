"""The pure visibility, review and limit rules of the files domain, table by table."""

from __future__ import annotations

import pytest

from exchange.files.rules import (
    FileFacts,
    Viewer,
    daily_refusal,
    download_refusal,
    initial_status,
    may_list,
    may_remove,
    may_review,
)

OSLO_CLASS, SYDNEY_CLASS = 1, 2
UPLOADER = Viewer(10, "student", frozenset({OSLO_CLASS}), school_id=100)
VIEWERS = {
    "uploader": UPLOADER,
    "classmate": Viewer(11, "student", frozenset({OSLO_CLASS}), 100),
    "own teacher": Viewer(2, "teacher", frozenset({OSLO_CLASS}), 100),
    "own admin": Viewer(1, "admin", frozenset(), 100),
    "moderator": Viewer(7, "moderator", frozenset(), None),
    "partner student": Viewer(20, "student", frozenset({SYDNEY_CLASS}), 200),
    "partner teacher": Viewer(4, "teacher", frozenset({SYDNEY_CLASS}), 200),
    "partner admin": Viewer(3, "admin", frozenset(), 200),
    "expert": Viewer(8, "expert", frozenset(), None),
    "outsider": Viewer(30, None, frozenset(), 300),
}


def facts(status: str) -> FileFacts:
    return FileFacts(uploader_id=UPLOADER.id, uploader_school_id=100, class_id=OSLO_CLASS, status=status)


@pytest.mark.parametrize(
    "who, lists_pending, reviews, lists_approved, removes_approved",
    [
        ("uploader", True, False, True, False),
        ("classmate", True, False, True, False),
        ("own teacher", True, True, True, True),
        ("own admin", True, True, True, True),
        ("moderator", True, True, True, True),
        ("partner student", False, False, True, False),
        ("partner teacher", False, False, True, True),
        ("partner admin", False, False, True, True),
        ("expert", False, False, True, False),
        ("outsider", False, False, False, False),
    ],
)
def test_who_sees_reviews_and_removes(who, lists_pending, reviews, lists_approved, removes_approved):
    viewer = VIEWERS[who]
    assert may_list(viewer, facts("pending")) is lists_pending
    assert may_review(viewer, facts("pending")) is reviews
    assert may_list(viewer, facts("approved")) is lists_approved
    assert may_remove(viewer, facts("approved")) is removes_approved
    assert may_remove(viewer, facts("pending")) is reviews


@pytest.mark.parametrize(
    "who, status, refusal",
    [
        ("partner student", "pending", "awaiting_approval"),
        ("partner student", "approved", None),
        ("outsider", "approved", "not_a_member"),
        ("own teacher", "removed", "file_removed"),
        ("uploader", "rejected", "file_rejected"),
        ("moderator", "pending", None),
    ],
)
def test_download_refusals(who, status, refusal):
    assert download_refusal(VIEWERS[who], facts(status)) == refusal


@pytest.mark.parametrize(
    "role, policy, audience, status",
    [
        ("student", True, "teen", "pending"),
        ("student", False, "teen", "approved"),
        ("student", False, "under13", "pending"),  # under-13s: the policy cannot lift review
        ("teacher", True, "under13", "approved"),
        ("expert", True, "adult", "approved"),
    ],
)
def test_initial_status(role, policy, audience, status):
    assert initial_status(role, policy, audience) == status


def test_daily_limits():
    assert daily_refusal(19, 0, 10, max_files=20, max_bytes=100) is None
    assert daily_refusal(20, 0, 0, max_files=20, max_bytes=100) == "daily_file_limit"
    assert daily_refusal(3, 95, 10, max_files=20, max_bytes=100) == "daily_byte_limit"
    assert daily_refusal(3, 90, 10, max_files=20, max_bytes=100) is None


def test_rules_import_nothing_of_flask_or_the_database():
    import ast
    import pathlib

    import exchange.files.rules as module

    tree = ast.parse(pathlib.Path(module.__file__).read_text())
    names = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    names |= {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    assert not [n for n in names if n.split(".")[0] in ("flask", "sqlalchemy", "exchange")], names


# Pure rules: the same on any database (scripts/test runs them in the SQLite pass only).
pytestmark = pytest.mark.backend_independent


@pytest.mark.parametrize(
    "role, policy, audience, status",
    [
        ("student", False, "teen", "pending"),  # the policy lets files through, but the name was doubted
        ("student", True, "teen", "pending"),
        ("teacher", False, "teen", "approved"),  # an adult's file is shared and flagged instead
        ("expert", True, "adult", "approved"),
    ],
)
def test_a_name_only_the_second_opinion_doubted(role, policy, audience, status):
    assert initial_status(role, policy, audience, doubted=True) == status
