"""rendering/element_attributes.py: attributes set for one render and put back as they were."""

from __future__ import annotations

import pytest
from lxml import etree

from citeconv.rendering.element_attributes import attributes_set


def test_attributes_are_set_inside_and_restored_after() -> None:
    element = etree.Element("name", {"et-al-min": "3"})
    with attributes_set(element, {"et-al-min": "5", "et-al-use-first": "4", "and": None}):
        assert dict(element.attrib) == {"et-al-min": "5", "et-al-use-first": "4"}
    assert dict(element.attrib) == {"et-al-min": "3"}


def test_attributes_are_restored_when_rendering_raises() -> None:
    element = etree.Element("name")
    with pytest.raises(ValueError), attributes_set(element, {"et-al-min": "2"}):
        raise ValueError("render failed")
    assert dict(element.attrib) == {}
