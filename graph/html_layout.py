"""A fast force-directed layout for the HTML view, computed before the page opens.

networkx's layouts are too slow for the graphs analysts open (``forceatlas2_layout``
took 74 s on 5,000 nodes and 20,000 edges; ``spring_layout`` needs scipy), and a
browser settling physics on a big graph is slower still. This is Fruchterman-Reingold
in numpy: exact repulsion for small graphs, and for large ones repulsion from a
density grid convolved with the force kernel by FFT (a particle-mesh method), which
costs O(nodes + edges + grid²) per iteration instead of O(nodes²).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Hashable, Iterable, Sequence, Union

import numpy as np

EXACT_REPULSION_LIMIT = 400
# An edge is ``(u, v)`` (pull 1) or ``(u, v, pull)``: how strongly it draws its ends together.
Edge = Union[tuple[Hashable, Hashable], tuple[Hashable, Hashable, float]]
GRID_CELLS = 128
# Pulls every node towards the centre: keeps lone nodes and long chains from stretching the view.
GRAVITY = 0.02


def packed_layout(
    nodes: Sequence[Hashable],
    edges: Iterable[Edge],
    *,
    scale: float = 1.0,
    seed: int = 7,
    charges: dict[Hashable, float] | None = None,
    min_aspect: float = 0.0,
) -> dict[Hashable, tuple[float, float]]:
    """Lay out each connected component on its own, then pack them in rows, largest first.

    ``min_aspect``: a component narrower than this (width / height) is stretched
    sideways to it. Labels run horizontally, so room across is worth more than room
    down, and a screen is wider than tall.

    ``charges`` (default 1 each) scale how strongly a node pushes others away: a node
    with a long label needs more room than an unlabelled square.

    Laid out together, small components and lone nodes drift to the far edges and
    shrink the main component to a dot when the view zooms to fit everything.

    Examples:
        >>> positions = packed_layout(["a", "b", "c", "lone"], [("a", "b"), ("b", "c")])
        >>> len(positions)
        4
    """
    edge_list = [(edge[0], edge[1], float(edge[2]) if len(edge) > 2 else 1.0) for edge in edges]
    components = _components(nodes, [(u, v) for u, v, _ in edge_list])
    component_of = {node: number for number, members in enumerate(components) for node in members}
    edges_by_component: dict[int, list[Edge]] = {}
    for u, v, pull in edge_list:
        if u in component_of and v in component_of:
            edges_by_component.setdefault(component_of[u], []).append((u, v, pull))
    laid_out = []
    for number, members in enumerate(components):
        positions = force_layout(members, edges_by_component.get(number, []), seed=seed, charges=charges)
        points = np.array([positions[member] for member in members])
        low, high = points.min(axis=0), points.max(axis=0)
        width, height = float(high[0] - low[0]), float(high[1] - low[1])
        if min_aspect and width > 0 and width < min_aspect * height:
            points[:, 0] = low[0] + (points[:, 0] - low[0]) * (min_aspect * height / width)
            high = points.max(axis=0)
        laid_out.append((members, points - low, high - low))
    padding = 1.5
    total_area = sum(float((size[0] + padding) * (size[1] + padding)) for _, _, size in laid_out)
    row_width = max(float(np.sqrt(total_area)) * 1.3, float(laid_out[0][2][0]) + padding) if laid_out else 0.0
    result: dict[Hashable, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for members, points, size in laid_out:
        if x > 0 and x + size[0] > row_width:
            x, y, row_height = 0.0, y + row_height + padding, 0.0
        for member, (px, py) in zip(members, points):
            result[member] = (px + x, py + y)
        x += float(size[0]) + padding
        row_height = max(row_height, float(size[1]))
    if result:
        centre = np.array(list(result.values())).mean(axis=0)
        result = {node: (float((px - centre[0]) * scale), float((py - centre[1]) * scale)) for node, (px, py) in result.items()}
    return result


def _components(nodes: Sequence[Hashable], edges: list[tuple[Hashable, Hashable]]) -> list[list[Hashable]]:
    """Connected components, largest first, members in input order (union-find)."""
    parent = {node: node for node in nodes}

    def root(node: Hashable) -> Hashable:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for u, v in edges:
        if u in parent and v in parent:
            parent[root(u)] = root(v)
    groups: dict[Hashable, list[Hashable]] = {}
    for node in nodes:
        groups.setdefault(root(node), []).append(node)
    return sorted(groups.values(), key=len, reverse=True)


def force_layout(
    nodes: Sequence[Hashable],
    edges: Iterable[Edge],
    *,
    iterations: int | None = None,
    scale: float = 1.0,
    seed: int = 7,
    charges: dict[Hashable, float] | None = None,
) -> dict[Hashable, tuple[float, float]]:
    """Positions for ``nodes``, centred on 0, roughly ``scale`` apart along an edge.

    Deterministic for a given ``seed``. Self-loops are ignored; of duplicate edges
    between two nodes the strongest pull counts.

    Examples:
        >>> positions = force_layout(["a", "b", "c"], [("a", "b"), ("b", "c")])
        >>> sorted(positions) == ["a", "b", "c"]
        True
    """
    count = len(nodes)
    if count == 0:
        return {}
    if count == 1:
        return {nodes[0]: (0.0, 0.0)}
    index = {node: position for position, node in enumerate(nodes)}
    pulls: dict[tuple[int, int], float] = {}
    for edge in edges:
        u, v = edge[0], edge[1]
        if u in index and v in index and u != v:
            pair = (min(index[u], index[v]), max(index[u], index[v]))
            pulls[pair] = max(pulls.get(pair, 0.0), float(edge[2]) if len(edge) > 2 else 1.0)
    ordered = sorted(pulls)
    edge_array = np.array(ordered, dtype=np.int64).reshape(-1, 2)
    pull_array = np.array([pulls[pair] for pair in ordered], dtype=float).reshape(-1, 1)
    charge_array = np.array([float((charges or {}).get(node, 1.0)) for node in nodes]).reshape(-1, 1)
    rng = np.random.default_rng(seed)
    # Node ideal distance 1: the square the layout starts in has area ~ count.
    side = float(np.sqrt(count))
    positions = rng.uniform(-side / 2, side / 2, size=(count, 2))
    exact = count <= EXACT_REPULSION_LIMIT
    steps = iterations or (200 if exact else 120)
    temperature = side / 8
    for step in range(steps):
        repulsion = _exact_repulsion(positions, charge_array) if exact else _grid_repulsion(positions, charge_array)
        attraction = _attraction(positions, edge_array, pull_array)
        # Weak gravity keeps separate components and lone nodes from drifting away.
        gravity = -GRAVITY * positions * np.sqrt(count) / max(side, 1.0)
        displacement = repulsion + attraction + gravity
        length = np.linalg.norm(displacement, axis=1, keepdims=True)
        limit = temperature * (1 - step / steps) + 0.01
        positions += displacement / np.maximum(length, 1e-9) * np.minimum(length, limit)
    positions -= positions.mean(axis=0)
    positions *= scale
    return {node: (float(x), float(y)) for node, (x, y) in zip(nodes, positions)}


def _attraction(positions: np.ndarray, edge_array: np.ndarray, pull_array: np.ndarray) -> np.ndarray:
    force = np.zeros_like(positions)
    if len(edge_array) == 0:
        return force
    delta = positions[edge_array[:, 1]] - positions[edge_array[:, 0]]
    distance = np.linalg.norm(delta, axis=1, keepdims=True)
    # Fruchterman-Reingold: pull grows with distance squared (ideal distance 1).
    pull = delta * distance * pull_array
    # bincount sums per node like np.add.at, an order of magnitude faster.
    count = len(positions)
    for axis in (0, 1):
        force[:, axis] += np.bincount(edge_array[:, 0], weights=pull[:, axis], minlength=count)
        force[:, axis] -= np.bincount(edge_array[:, 1], weights=pull[:, axis], minlength=count)
    return force


def _exact_repulsion(positions: np.ndarray, charges: np.ndarray) -> np.ndarray:
    delta = positions[:, None, :] - positions[None, :, :]
    distance_squared = np.einsum("ijk,ijk->ij", delta, delta)
    np.fill_diagonal(distance_squared, np.inf)
    strength = (charges * charges.T) / np.maximum(distance_squared, 1e-4)
    return np.einsum("ijk,ij->ik", delta, strength)


@lru_cache(maxsize=4)
def _unit_kernel_fft(cells: int) -> tuple[np.ndarray, np.ndarray]:
    """FFTs of the force kernel (dx, dy)/d² over offsets -cells..cells, one cell = 1.

    Padded to 3·cells so the convolution does not wrap around.
    """
    offsets = np.arange(-cells + 1, cells, dtype=float)
    dx, dy = np.meshgrid(offsets, offsets, indexing="ij")
    distance_squared = dx * dx + dy * dy
    # No force from a node's own cell; nodes sharing a cell are separated by jitter.
    distance_squared[cells - 1, cells - 1] = np.inf
    distance_squared = np.maximum(distance_squared, 0.25)
    size = 3 * cells
    return np.fft.rfft2(dx / distance_squared, s=(size, size)), np.fft.rfft2(dy / distance_squared, s=(size, size))


def _grid_repulsion(positions: np.ndarray, charges: np.ndarray) -> np.ndarray:
    """Repulsion k²/d from every node, approximated on a GRID_CELLS² density grid."""
    cells = GRID_CELLS
    low = positions.min(axis=0)
    span = float(max((positions.max(axis=0) - low).max(), 1e-6)) * 1.0001
    cell = span / cells
    coordinates = np.minimum(((positions - low) / cell).astype(np.int64), cells - 1)
    flat_cells = coordinates[:, 0] * cells + coordinates[:, 1]
    density = np.bincount(flat_cells, weights=charges[:, 0], minlength=cells * cells).reshape(cells, cells)
    size = 3 * cells
    density_fft = np.fft.rfft2(density, s=(size, size))
    # The kernel in cell units, scaled by 1/cell: k(o * cell) = k(o) / cell.
    kernel_x, kernel_y = _unit_kernel_fft(cells)
    field = []
    for kernel in (kernel_x, kernel_y):
        full = np.fft.irfft2(density_fft * kernel, s=(size, size)) / cell
        field.append(full[cells - 1 : 2 * cells - 1, cells - 1 : 2 * cells - 1])
    force = np.stack([field[0][coordinates[:, 0], coordinates[:, 1]], field[1][coordinates[:, 0], coordinates[:, 1]]], axis=1) * charges
    # Nodes sharing a cell: a small random push separates them (the grid cannot).
    jitter = np.random.default_rng(len(positions)).normal(scale=cell * 0.05, size=positions.shape)
    return force + jitter
