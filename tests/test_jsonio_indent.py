"""jsonio.dumps with an indent gives exactly json.dumps's text, for any value."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from pilkada_cli.jsonio import dumps, plain

scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text()
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
    st.text(max_size=5), inner, max_size=4), max_leaves=30)


@given(values, st.sampled_from([0, 1, 2, 4]))
def test_same_text_as_json_dumps(value, indent) -> None:
    expected = json.dumps(plain(value), ensure_ascii=False, indent=indent)
    assert dumps(value, indent=indent) == expected


def test_tuples_and_other_values_are_written_as_json_dumps_writes_them() -> None:
    for value in ({"x": ()}, (), [float("nan")], {"a": [1.5, (2, 3)]}):
        assert dumps(value, indent=2) == json.dumps(plain(value), ensure_ascii=False, indent=2)
