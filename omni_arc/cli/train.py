"""`omni` commands: train (registered on the main app)."""
from __future__ import annotations

from omni_arc.cli import app  # noqa: F401
