"""The partners domain's edges: importing this module registers every page and API route on `bp`."""

from . import agreement_views, opportunity_views, organisation_views  # noqa: F401  why: importing registers the routes
from .blueprint import bp

__all__ = ["bp"]
