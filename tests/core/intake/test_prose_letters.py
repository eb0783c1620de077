"""The prose reader on letters that list a witness's prior statements item by item: a signed
statement quoted by what it "reads", and a pronoun after a sentence about an enclosure.

Every text here is a short made-up snippet written for the rule it tests.
"""

from __future__ import annotations

from app.core.intake.extract import extract
from app.core.intake.proposal import Proposal


def _one(text: str, start: str) -> Proposal:
    found = [p for p in extract(text) if p.text.startswith(start)]
    assert len(found) == 1, [(p.text, p.speaker) for p in extract(text)]
    return found[0]


LETTER = (
    "MADE UP\n\n"
    "ELM COUNTY PUBLIC DEFENDER\n\n"
    "May 3, 2025\n\n"
    "ADA Rosa Vint\n\n"
    "Re: State v. Tom Orr\n\n"
    "Dear Ms. Vint:\n\n"
    "I write to demand every prior statement of the complaining witness, Ann Lee.\n\n"
    "1. Written statement, March 6, 2025. At the station Ms. Lee signed a sworn statement "
    'which reads in part: "I picked up the bat first because I was scared."\n\n'
    '2. Post, March 9, 2025. On her account Ms. Lee wrote: "Nobody knows the story." '
    'A screenshot is enclosed. At the hearing she testified, "He had the bat the whole time."\n\n'
    "3. Statement at the scene, March 6, 2025. According to Officer Dale Penn's report, "
    'Ms. Lee told him that Mr. Orr "took the bat from the shed."\n\n'
    "Very truly yours,\n\n"
    "Cal Ruiz\n"
    "Assistant Public Defender\n"
)


def test_a_signed_statement_that_reads_is_the_signers_words() -> None:
    bat = _one(LETTER, "I picked up the bat")
    assert (bat.speaker, bat.setting) == ("Ann Lee", "sworn_statement")


def test_an_enclosure_is_not_the_she_who_testified() -> None:
    time = _one(LETTER, "He had the bat")
    assert (time.speaker, time.setting) == ("Ann Lee", "sworn_testimony")


def test_a_numbered_items_lead_gives_the_form_and_day_of_its_statements() -> None:
    post = _one(LETTER, "Nobody knows the story.")
    assert (post.setting, post.date) == ("social_media", "2025-03-09")
    bat = _one(LETTER, "I picked up the bat")
    assert bat.date == "2025-03-06"


def test_told_him_after_an_officers_report_is_told_to_that_officer() -> None:
    shed = _one(LETTER, "took the bat from the shed")
    assert (shed.speaker, shed.recipient, shed.setting) == (
        "Ann Lee",
        "Dale Penn",
        "police_encounter",
    )


MESSAGE_ITEM = (
    "MADE UP\n\n"
    "ELM COUNTY DISTRICT ATTORNEY\n\n"
    "May 3, 2025\n\n"
    "Dear Mr. Ruiz:\n\n"
    "The People disclose these prior statements of Tom Orr.\n\n"
    "(a) Email, March 9, 2025, from Mr. Orr's account to his cousin, Ada Orr-Bell "
    '(Bates 12). The email reads: "i was never at the shed that night, ada."\n\n'
    "Very truly yours,\n\n"
    "Rosa Vint\n"
    "Assistant District Attorney\n"
)


def test_a_message_that_reads_is_the_words_of_the_one_it_is_from_to_the_one_it_is_to() -> None:
    shed = _one(MESSAGE_ITEM, "i was never at the shed")
    assert (shed.speaker, shed.recipient) == ("Tom Orr", "Ada Orr-Bell")


def test_an_answer_to_a_question_asked_by_someone_is_given_to_the_asker() -> None:
    text = MESSAGE_ITEM.replace(
        "(a) Email",
        "(b) Grand jury testimony, April 2, 2025. Mr. Orr testified that he was home. "
        "Asked by ADA Cal Penn how he knew the time, he answered, "
        '"The late news was on."\n\n(a) Email',
    )
    news = _one(text, "The late news was on")
    assert (news.speaker, news.recipient) == ("Tom Orr", "Cal Penn")


def test_a_lettered_item_dates_and_sets_the_statements_it_lists() -> None:
    text = MESSAGE_ITEM.replace(
        "(a) Email",
        "(a) 911 call, March 1, 2025, 11:48 p.m. (Bates 3, audio). Mr. Orr told the "
        'call-taker, "Someone is breaking the car." Later in the same call he said he did not '
        'see his face because "it was too dark."\n\n'
        "(b) Recorded interview with Detective Ann Lee, Elm Police Department, March 2, 2025 "
        '(Bates 4). Mr. Orr said, "There were two of them."\n\n(c) Email',
    )
    call = _one(text, "Someone is breaking the car")
    assert (call.setting, call.date) == ("phone_call", "2025-03-01")
    later = _one(text, "he did not see his face")
    assert (later.setting, later.recipient) == ("phone_call", call.recipient)
    assert call.recipient
    two = _one(text, "There were two of them")
    assert (two.setting, two.date) == ("police_interview", "2025-03-02")
    assert _one(text, "i was never at the shed").date == "2025-03-09"


def test_the_undersigned_is_the_one_who_signs_the_letter() -> None:
    text = MESSAGE_ITEM.replace(
        "(a) Email",
        "At a meeting with the undersigned on April 9, 2025, Mr. Orr said that he "
        '"was not sure who had the bat."\n\n(a) Email',
    ).replace("Very truly yours,\n\n", "Very truly yours,\n\n/s/ Rosa Vint\n")
    unsure = _one(text, "was not sure who had the bat")
    assert (unsure.recipient, unsure.date) == ("Rosa Vint", "2025-04-09")
