"""Page numbers read out of pin cites."""

from __future__ import annotations

import pytest

from app.core.pin_cites import page_of_pin_cite


@pytest.mark.parametrize(
    ("cite", "page"),
    [
        ("p. 3", 3),
        ("p.3", 3),
        ("P. 12", 12),
        ("pp. 3-4", 3),
        ("pp 7–9", 7),
        ("page 3", 3),
        ("Pages 10 to 12", 10),
        ("pg. 5", 5),
        ("at p. 8", 8),
        ("3:12", 3),
        ("14:2-15:6", 14),
        ("42", 42),
        ("3-4", 3),
        ("¶ 4", None),
        ("para. 4", None),
        ("", None),
        (None, None),
        ("p. 0", None),
        ("Exhibit B", None),
    ],
)
def test_page_of_pin_cite(cite: str | None, page: int | None) -> None:
    assert page_of_pin_cite(cite) == page
