"""Escape untrusted text for XML 1.0 without losing what XML can carry.

Element text keeps newlines and tabs as they are; a carriage return is written
as ``&#13;`` because parsers turn a raw one into a newline. Attribute values also
write newline and tab as character references, because parsers normalize raw
ones to spaces. Characters XML 1.0 forbids become U+FFFD (see :func:`graph.flatten.xml_safe`).

Examples:
    >>> xml_text('a < b & "c"\\r\\n')
    'a &lt; b &amp; "c"&#13;\\n'
    >>> print(xml_attribute('O\\'Brien "the <boss>"\\n'))
    O'Brien &quot;the &lt;boss&gt;&quot;&#10;
"""

from __future__ import annotations

from graph.flatten import xml_safe

_TEXT_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
_ATTRIBUTE_ESCAPES = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\r": "&#13;", "\n": "&#10;", "\t": "&#9;"}
)


def xml_text(value: str) -> str:
    """``value`` safe as XML element content."""
    return xml_safe(value).translate(_TEXT_ESCAPES)


def xml_attribute(value: str) -> str:
    """``value`` safe inside a double-quoted XML attribute."""
    return xml_safe(value).translate(_ATTRIBUTE_ESCAPES)
