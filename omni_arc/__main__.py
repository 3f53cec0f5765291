"""``python -m omni_arc ...`` is the ``omni`` command."""
from omni_arc.cli import main

main()
