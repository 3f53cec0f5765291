"""omni-arc: teach language models to solve ARC-AGI tasks by writing programs."""

__version__ = "0.1.0"
