#!/usr/bin/env python3
"""The benchmark peer: SPEC §2's per-department figures for an org file,
computed the way a consultant would with PyYAML and networkx.

    python3 bench/peer.py org.yaml > peer.json

It reads the file with PyYAML (LibYAML's CSafeLoader when installed, the
fastest loader PyYAML has), builds a networkx DiGraph, and computes hops,
strength, rolled quality, lead time, cut-off departments, rework loops and
single-point-of-failure impact (networkx's immediate_dominators on the
reversed graph, rooted at a virtual node joined to every customer). It
writes per-department figures as JSON, so that bench/run.py can check them
against servchain's before timing anything.
"""

import heapq
import json
import re
import sys

import networkx as nx
import yaml

UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}


def seconds(text):
    """A lead time such as "3d" or "1h 30m" in seconds."""
    total = 0
    for number, unit in re.findall(r"(\d+(?:\.\d+)?)\s*([smhdw])", str(text)):
        total += float(number) * UNITS[unit]
    return total


def quality(value):
    if value is None:
        return None
    if isinstance(value, str) and value.endswith("%"):
        return float(value[:-1]) / 100
    return float(value)


def best(graph, sources, start, extend, better):
    """Label-setting search against the direction of the handoffs."""
    label = {s: start for s in sources}
    heap = [(better(start), i, s) for i, s in enumerate(sources)]
    counter = len(heap)
    done = set()
    while heap:
        _, _, node = heapq.heappop(heap)
        if node in done:
            continue
        done.add(node)
        for supplier, _, data in graph.in_edges(node, data=True):
            if supplier in done:
                continue
            value = extend(label[node], data)
            if value is None:
                continue
            if supplier not in label or better(value) < better(label[supplier]):
                label[supplier] = value
                counter += 1
                heapq.heappush(heap, (better(value), counter, supplier))
    return label


def main(path):
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with open(path, encoding="utf-8") as f:
        org = yaml.load(f, Loader=loader)

    customers = [c["id"] for c in org.get("customers") or []] or ["customer"]
    departments = [d["id"] for d in org.get("departments") or []]
    graph = nx.DiGraph()
    graph.add_nodes_from(customers)
    graph.add_nodes_from(departments)

    def add(supplier, h):
        """One handoff; of parallel ones (different `what`), the best counts."""
        q = quality(h.get("quality"))
        q = 1.0 if q is None else q
        lead = None if h.get("lead_time") is None else seconds(h["lead_time"])
        if graph.has_edge(supplier, h["to"]):
            edge = graph[supplier][h["to"]]
            edge["quality"] = max(edge["quality"], q)
            if lead is not None:
                edge["lead"] = lead if edge["lead"] is None else min(edge["lead"], lead)
        else:
            graph.add_edge(supplier, h["to"], quality=q, lead=lead)

    for d in org.get("departments") or []:
        for h in d.get("serves") or []:
            add(d["id"], h)
    for h in org.get("handoffs") or []:
        add(h["from"], h)

    strength = best(graph, customers, float("inf"), lambda b, d: min(b, d["quality"]), lambda b: -b)
    rolled = best(graph, customers, 1.0, lambda p, d: p * d["quality"], lambda p: -p)
    lead = best(graph, customers, 0.0,
                lambda t, d: None if d["lead"] is None else t + d["lead"], lambda t: t)

    # One virtual root after every customer; against the direction of the
    # handoffs it starts the breadth-first search for hops and roots the
    # dominator tree that gives single points of failure.
    root = ("root",)
    graph.add_edges_from((c, root) for c in customers)
    reverse = graph.reverse(copy=False)
    hops = {n: k - 1 for n, k in nx.single_source_shortest_path_length(reverse, root).items() if n != root}
    idom = nx.immediate_dominators(reverse, root)
    children = {}
    for node, parent in idom.items():
        if node != parent:
            children.setdefault(parent, []).append(node)
    dept_set = set(departments)
    impact = {}
    stack = [(root, False)]
    below = {}
    while stack:
        node, expanded = stack.pop()
        if expanded:
            below[node] = sum(below[c] for c in children.get(node, [])) + (1 if node in dept_set else 0)
        else:
            stack.append((node, True))
            stack.extend((c, False) for c in children.get(node, []))
    for d in departments:
        impact[d] = max(below.get(d, 0) - 1, 0)

    cycles = sorted(sorted(c) for c in nx.strongly_connected_components(graph) if len(c) > 1)
    figures = {}
    for d in departments:
        figures[d] = {
            "hops": hops.get(d),
            "strength": strength.get(d),
            "rolled_quality": rolled.get(d),
            "lead_time_seconds": lead.get(d),
            "spof_impact": impact[d],
        }
    json.dump({
        "departments": figures,
        "cut_off": [d for d in departments if d not in hops],
        "cycles": cycles,
    }, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1])
