"""The actor network as GraphML, the format Gephi, Cytoscape, yEd and networkx read."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from xml.etree import ElementTree

_NS = "http://graphml.graphdrawing.org/xmlns"
# (key id, element it belongs to, attribute name in the view, GraphML type)
_KEYS = (
    ("name", "node", "name", "string"),
    ("country", "node", "country", "string"),
    ("type", "node", "type", "string"),
    ("node_events", "node", "events", "int"),
    ("events", "edge", "events", "int"),
    ("mean_goldstein", "edge", "mean_goldstein", "double"),
    ("conflict", "edge", "conflict", "int"),
    ("cooperation", "edge", "cooperation", "int"),
)


def graphml(graph: Mapping[str, list[dict[str, Any]]]) -> str:
    """A directed GraphML document of ``aggregate.network``'s nodes and edges."""
    root = ElementTree.Element("graphml", xmlns=_NS)
    for key, owner, name, kind in _KEYS:
        ElementTree.SubElement(root, "key", {"id": key, "for": owner, "attr.name": name, "attr.type": kind})
    body = ElementTree.SubElement(root, "graph", id="crisislens", edgedefault="directed")
    for node in graph["nodes"]:
        element = ElementTree.SubElement(body, "node", id=node["id"])
        _data(element, "node", node)
    for number, edge in enumerate(graph["edges"]):
        element = ElementTree.SubElement(body, "edge", id=f"e{number}", source=edge["source"], target=edge["target"])
        _data(element, "edge", edge)
    ElementTree.indent(root)
    return ElementTree.tostring(root, encoding="unicode", xml_declaration=True)


def _data(element: ElementTree.Element, owner: str, values: Mapping[str, Any]) -> None:
    for key, key_owner, name, _kind in _KEYS:
        if key_owner == owner and values.get(name) is not None:
            ElementTree.SubElement(element, "data", key=key).text = str(values[name])
