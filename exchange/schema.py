"""Every table of every domain, imported in one place for Alembic and `exchange db upgrade`.

Two metadatas: the domains' (`exchange.db.Base`) and storage's own (`StorageBase`: the message
log and the audit log, which import nothing of the project). Alembic takes both as one list.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine

from . import changes as _changes  # noqa: F401
from .accounts import models as _accounts  # noqa: F401
from .activities import models as _activities  # noqa: F401
from .branding import models as _branding  # noqa: F401
from .db import Base
from .conversations import models as _conversations  # noqa: F401
from .directory import models as _directory  # noqa: F401
from .evaluation import models as _evaluation  # noqa: F401
from .evaluation import awareness_models as _awareness  # noqa: F401 - the awareness survey (issue 22)
from .files import models as _files  # noqa: F401
from .guardians import models as _guardians  # noqa: F401
from .guardians import slip_models as _slips  # noqa: F401
from .guardians import texting_models as _texting  # noqa: F401
from .identity import models as _identity  # noqa: F401
from .moderation import models as _moderation  # noqa: F401
from .outreach import models as _outreach  # noqa: F401
from .partners import agreement_models as _agreements  # noqa: F401
from .partners import models as _partners  # noqa: F401
from .rooms import models as _rooms  # noqa: F401
from .scheduling import models as _scheduling  # noqa: F401
from .showcase import models as _showcase  # noqa: F401
from .storage import sql_audit as _audit  # noqa: F401
from .storage import sql_messages as _messages  # noqa: F401
from .storage.sql_base import StorageBase
from .vetting import models as _vetting  # noqa: F401

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
metadata = [Base.metadata, StorageBase.metadata]
"""What the migrations describe: Alembic's `target_metadata` and `compare_metadata` take the list."""


def create_all(bind: Engine | Connection) -> None:
    """Every table at once, without migrations (a throwaway test database)."""
    for each in metadata:
        each.create_all(bind)


def alembic_config(url: str) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def upgrade(url: str, revision: str = "head") -> None:
    """Create or upgrade the schema to the newest migration."""
    command.upgrade(alembic_config(url), revision)
