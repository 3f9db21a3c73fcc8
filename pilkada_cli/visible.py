"""Text from a workbook (or a sender's file name) made safe to print to a terminal or a log.

A cell can hold terminal escape sequences: ESC [2J clears the screen, ESC ] 8 ; ; URL
makes a link that shows one address and opens another, a bare carriage return overwrites
the line before it, and bidirectional overrides make a text read differently from what
it holds. Printed as they are, they act instead of being seen. Every such character is
shown as an escape (`\\x1b`, `\\u202e`), so the text stays readable and does nothing,
whether the output is a terminal, a pipe or a log file.
"""

from __future__ import annotations

import re

# C0 and C1 controls, DEL, the line/paragraph separators, and the bidirectional controls.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069"
                     "\u061c]")
# In JSON, only what json.dumps leaves as it is: C0 controls are escaped by JSON itself.
_UNSAFE_JSON = re.compile("[\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]")


def visible(text: object) -> str:
    """The text with every control, escape and direction character shown, not acted on."""
    return _UNSAFE.sub(_escape, str(text))


def visible_json(document: str) -> str:
    """A JSON document (from json.dumps) with the characters a terminal would act on written
    as \\u escapes: the same JSON once parsed."""
    return _UNSAFE_JSON.sub(lambda m: f"\\u{ord(m[0]):04x}", document)


def _escape(match: re.Match[str]) -> str:
    code = ord(match[0])
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
