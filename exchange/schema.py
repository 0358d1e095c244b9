"""Every model of every domain, imported in one place for Alembic and `exchange db upgrade`."""
from __future__ import annotations

from pathlib import Path

from .accounts import models as _accounts  # noqa: F401
from .db import Base
from .directory import models as _directory  # noqa: F401
from .files import models as _files  # noqa: F401
from .guardians import models as _guardians  # noqa: F401
from .moderation import models as _moderation  # noqa: F401
from .rooms import models as _rooms  # noqa: F401
from .scheduling import models as _scheduling  # noqa: F401
from .storage import sql_audit as _audit  # noqa: F401
from .storage import sql_messages as _messages  # noqa: F401
from .vetting import models as _vetting  # noqa: F401

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
metadata = Base.metadata


def alembic_config(url: str):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def upgrade(url: str, revision: str = "head") -> None:
    """Create or upgrade the schema to the newest migration."""
    from alembic import command

    command.upgrade(alembic_config(url), revision)
