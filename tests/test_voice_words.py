"""The verbaliser: ticket and counter numbers as a Vietnamese speaker reads them aloud."""

from __future__ import annotations

import pytest

from motcua.voice.words import (
    call_sentence,
    number_words,
    spoken_number,
    vocabulary,
)

NORTH = [
    (0, "không"),
    (1, "một"),
    (5, "năm"),
    (10, "mười"),
    (11, "mười một"),
    (14, "mười bốn"),
    (15, "mười lăm"),
    (20, "hai mươi"),
    (21, "hai mươi mốt"),
    (24, "hai mươi bốn"),
    (25, "hai mươi lăm"),
    (55, "năm mươi lăm"),
    (91, "chín mươi mốt"),
    (100, "một trăm"),
    (101, "một trăm linh một"),
    (105, "một trăm linh năm"),
    (110, "một trăm mười"),
    (111, "một trăm mười một"),
    (115, "một trăm mười lăm"),
    (121, "một trăm hai mươi mốt"),
    (1000, "một nghìn"),
    (1001, "một nghìn không trăm linh một"),
    (1005, "một nghìn không trăm linh năm"),
    (1010, "một nghìn không trăm mười"),
    (1011, "một nghìn không trăm mười một"),
    (1015, "một nghìn không trăm mười lăm"),
    (1021, "một nghìn không trăm hai mươi mốt"),
    (1025, "một nghìn không trăm hai mươi lăm"),
    (1100, "một nghìn một trăm"),
    (1105, "một nghìn một trăm linh năm"),
    (2002, "hai nghìn không trăm linh hai"),
    (5001, "năm nghìn không trăm linh một"),
    (10_000, "mười nghìn"),
    (15_000, "mười lăm nghìn"),
    (21_000, "hai mươi mốt nghìn"),
    (100_000, "một trăm nghìn"),
    (105_105, "một trăm linh năm nghìn một trăm linh năm"),
    (999_999, "chín trăm chín mươi chín nghìn chín trăm chín mươi chín"),
    (1_000_000, "một triệu"),
    (1_000_025, "một triệu không trăm hai mươi lăm"),
    (2_005_000, "hai triệu không trăm linh năm nghìn"),
]

SOUTH = [
    (4, "bốn"),
    (14, "mười bốn"),
    (24, "hai mươi tư"),
    (44, "bốn mươi tư"),
    (21, "hai mươi mốt"),
    (25, "hai mươi lăm"),
    (101, "một trăm lẻ một"),
    (104, "một trăm lẻ bốn"),
    (105, "một trăm lẻ năm"),
    (1000, "một ngàn"),
    (1024, "một ngàn không trăm hai mươi tư"),
    (1025, "một ngàn không trăm hai mươi lăm"),
    (1100, "một ngàn một trăm"),
    (2002, "hai ngàn không trăm lẻ hai"),
    (999_999, "chín trăm chín mươi chín ngàn chín trăm chín mươi chín"),
]


@pytest.mark.parametrize(("value", "words"), NORTH)
def test_northern_reading_follows_every_rule(value, words):
    assert number_words(value) == words


@pytest.mark.parametrize(("value", "words"), SOUTH)
def test_southern_reading_says_ngan_le_and_tu(value, words):
    assert number_words(value, "south") == words


@pytest.mark.parametrize(
    ("number", "words"),
    [
        ("1025", "một không hai năm"),
        ("2002", "hai không không hai"),
        ("B105", "bê một không năm"),
        ("24", "hai bốn"),
    ],
)
def test_digit_by_digit_reading_names_each_digit(number, words):
    assert spoken_number(number, digits=True) == words


@pytest.mark.parametrize(
    ("number", "words"),
    [
        ("A1", "a một"),
        ("B21", "bê hai mươi mốt"),
        ("C105", "xê một trăm linh năm"),
        ("D1000", "dê một nghìn"),
        ("Đ15", "đê mười lăm"),
        ("ĐB2002", "đê bê hai nghìn không trăm linh hai"),
        ("L7", "e lờ bảy"),
        ("S3", "ét xì ba"),
    ],
)
def test_letter_prefixes_are_read_as_vietnamese_letter_names(number, words):
    assert spoken_number(number) == words


def test_leading_zeros_are_read_before_the_number():
    assert spoken_number("007") == "không không bảy"
    assert spoken_number("0") == "không"


def test_a_ticket_number_in_the_southern_dialect_keeps_its_letters():
    assert spoken_number("B24", "south") == "bê hai mươi tư"


@pytest.mark.parametrize("bad", ["", "12a", "1 2", "ABCDE1", "-5", "1.5", "X"])
def test_anything_but_a_ticket_number_is_refused(bad):
    with pytest.raises(ValueError):
        spoken_number(bad)


def test_numbers_beyond_the_reading_range_are_refused():
    with pytest.raises(ValueError):
        number_words(-1)
    with pytest.raises(ValueError):
        number_words(10**12)


def test_the_call_sentence_reads_number_and_counter_as_words():
    template = "Xin mời công dân có số thứ tự {number} đến quầy số {counter}"
    assert call_sentence(template, "1025", 21) == (
        "Xin mời công dân có số thứ tự một nghìn không trăm hai mươi lăm đến quầy số hai mươi mốt"
    )
    assert call_sentence(template, "1024", 4, dialect="south") == (
        "Xin mời công dân có số thứ tự một ngàn không trăm hai mươi tư đến quầy số bốn"
    )
    assert call_sentence(template, "1025", 3, digits=True) == (
        "Xin mời công dân có số thứ tự một không hai năm đến quầy số ba"
    )


def test_the_vocabulary_covers_every_word_a_number_can_produce():
    for dialect in ("north", "south"):
        words = vocabulary(dialect, prefixes="BĐL")
        for value in list(range(0, 2200)) + [999_999, 1_000_025]:
            assert set(number_words(value, dialect).split()) <= words, value
        assert set(spoken_number("ĐBL12", dialect).split()) <= words
    assert "tư" not in vocabulary("north") and "linh" not in vocabulary("south")
