"""Each notch in the frame marks a line: inside the inner block it takes the frame colour, outside the frame it continues in the inner colour."""
from omni_arc.dsl import *
import numpy as np


def task(grid):
    shape = bbox(grid)
    frame = grid[shape.top, shape.left]
    inner_color = unique_colors(grid, exclude=[0, frame])[0]
    inner = largest_rectangle(grid == inner_color)
    out = np.where(grid == inner_color, frame, grid)
    out = fill_rect(out, inner, inner_color)
    for r, c in cells_of(grid, inner_color):
        if inner.top <= r < inner.bottom and not inner.left <= c < inner.right:
            out[r, inner.left:inner.right] = frame
            out[r, :shape.left] = out[r, shape.right:] = inner_color
        elif inner.left <= c < inner.right and not inner.top <= r < inner.bottom:
            out[inner.top:inner.bottom, c] = frame
            out[:shape.top, c] = out[shape.bottom:, c] = inner_color
    return out
