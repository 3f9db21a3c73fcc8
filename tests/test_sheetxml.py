"""The XML pre-scan's own parts, on parts written here."""

from __future__ import annotations

import pytest

from pilkada_cli.errors import UnreadableWorkbook
from pilkada_cli.reader.sheetxml import Budget, scan_styles

STYLES = (b'<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
          b'<numFmts count="1"><numFmt numFmtId="164" formatCode="0.0%"/></numFmts>'
          b'<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="10"/>'
          b'</cellXfs></styleSheet>')


def test_a_styles_part_gives_its_percentage_styles_and_counts_its_elements():
    elements = 7
    for _ in range(2):  # the same every time
        budget = Budget(100)
        assert scan_styles("xl/styles.xml", [STYLES[:40], STYLES[40:]], budget) == {"1", "2"}
        assert budget.left == 100 - elements
    with pytest.raises(UnreadableWorkbook) as refused:
        scan_styles("xl/styles.xml", [STYLES], Budget(elements - 1))
    assert refused.value.code == "too-complex"


def test_a_styles_part_that_fails_is_refused_every_time():
    bad = STYLES.replace(b"<cellXfs", b"<!DOCTYPE x><cellXfs")
    for _ in range(2):
        with pytest.raises(UnreadableWorkbook):
            scan_styles("xl/styles.xml", [bad], Budget(100))
