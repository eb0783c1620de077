"""Pages read out of pin cites, and the Bates number of each page."""

from __future__ import annotations

import pytest

from app.core.pin_cites import bates_numbers, bates_of_page, page_of_pin_cite, pages_of_pin_cite


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


@pytest.mark.parametrize(
    ("cite", "pages"),
    [
        ("p. 3", (3, 3)),
        ("pp. 3-4", (3, 4)),
        ("pp 7–9", (7, 9)),
        ("Pages 10 to 12", (10, 12)),
        ("14:2-15:6", (14, 15)),
        ("3:12", (3, 3)),
        ("3-4", (3, 4)),
        ("pp. 5-2", (5, 5)),  # a range written backwards names its first page
        ("¶ 4", None),
        (None, None),
    ],
)
def test_pages_of_pin_cite(cite: str | None, pages: tuple[int, int] | None) -> None:
    assert pages_of_pin_cite(cite) == pages


@pytest.mark.parametrize(
    ("start", "end", "page", "bates"),
    [
        ("DA000120", "DA000129", 1, "DA000120"),
        ("DA000120", "DA000129", 4, "DA000123"),
        ("DA000120", "DA000129", 10, "DA000129"),
        ("DA000120", "DA000129", 11, None),  # past the stamped range
        ("DA000120", "", 50, "DA000169"),  # no end: counted on
        ("SMITH-0998", "SMITH-1005", 3, "SMITH-1000"),
        ("98", "", 3, "100"),
        ("", "", 1, None),
        (None, None, 1, None),
        ("NO DIGITS", "", 1, None),
    ],
)
def test_bates_of_page(start: str | None, end: str | None, page: int, bates: str | None) -> None:
    assert bates_of_page(start, end, page) == bates


def test_bates_numbers_of_the_pages_stop_where_the_range_ends() -> None:
    assert bates_numbers("DA000120", "DA000122", 5) == ["DA000120", "DA000121", "DA000122"]
    assert bates_numbers("DA000120", "", 2) == ["DA000120", "DA000121"]
    assert bates_numbers("DA000120", "OTHER5", 2) == ["DA000120", "DA000121"]  # not its end
    assert bates_numbers("", "DA9", 3) == []
