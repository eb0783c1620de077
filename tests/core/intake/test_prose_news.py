"""The prose reader on news layouts: wire copy in single marks, bylines over their outlet,
datelines with a date, the day a story gives a hearing, and words said to the paper.

Every text here is a short made-up snippet written for the rule it tests.
"""

from __future__ import annotations

from app.core.intake.extract import extract
from app.core.intake.proposal import Proposal


def _one(text: str, start: str) -> Proposal:
    found = [p for p in extract(text) if p.text.startswith(start)]
    assert len(found) == 1, [(p.text, p.speaker) for p in extract(text)]
    return found[0]


# Wire copy that quotes in single marks: apostrophes inside words are not quotation marks.
SINGLE_MARKS = (
    "By Ola Brun | Fenwick Wire | May 9, 2025\n\n"
    "FENWICK (Fenwick Wire) - A judge on Thursday set bail at $5,000 for a driver charged "
    "in a crash that hurt two cyclists.\n\n"
    "Judge Rhea Lund said Tom Vey had 'strong ties to the county.' But she warned him: "
    "'Drive before your hearing and you will wait for trial in jail.'\n\n"
    "Vey's lawyer, Ana Dorn, said her client's licence was already suspended. 'He hasn't "
    "touched a car since that night,' Dorn said.\n"
)


def test_a_text_that_quotes_in_single_marks_has_its_quotations_found() -> None:
    ties = _one(SINGLE_MARKS, "strong ties to the county")
    assert (ties.speaker, ties.speech) == ("Rhea Lund", "verbatim")
    drive = _one(SINGLE_MARKS, "Drive before your hearing")
    assert drive.speaker == "Rhea Lund"
    car = _one(SINGLE_MARKS, "He hasn't touched a car since that night")
    assert car.speaker == "Ana Dorn"
    assert not [p for p in extract(SINGLE_MARKS) if p.text.startswith("s lawyer")]


def test_words_at_a_hearing_the_story_dates_take_its_day_and_the_judge_is_named() -> None:
    text = (
        "By Ola Brun | Fenwick Wire | Saturday, May 10, 2025\n\n"
        "FENWICK - A judge on Thursday refused to lower the bail of a man charged in a fire "
        "at a warehouse.\n\n"
        "Prosecutor Ivan Rask told the judge that the man had fled once before. "
        '"He will run again," Rask said.\n\n'
        "Judge Hana Lyle of Fenwick Superior Court agreed with the State.\n\n"
        "His lawyer, Bea Sol, told reporters last week that he was innocent.\n"
    )
    fled = _one(text, "that the man had fled")
    assert (fled.setting, fled.recipient, fled.date) == ("in_court", "Hana Lyle", "2025-05-08")
    run = _one(text, "He will run again")
    assert (run.speaker, run.date) == ("Ivan Rask", "2025-05-08")
    assert _one(text, "that he was innocent").date == ""


def test_a_lawyers_words_outside_court_keep_her_setting_and_the_days_story() -> None:
    text = (
        "By Ola Brun, Port Gazette\n"
        "Thursday, October 16, 2025\n\n"
        "PORT — A cook at the Harbor Inn was charged on Tuesday with assault after a fight in "
        "the kitchen, prosecutors said.\n\n"
        "Ivo Dell, 30, pleaded not guilty at his arraignment on Wednesday. His lawyer, Ana "
        'Voss, told reporters outside the courthouse that he "was only defending himself." '
        '"He has cooked there for ten years," Voss said.\n'
    )
    charged = _one(text, "A cook at the Harbor Inn")
    assert (charged.speaker, charged.speech) == ("prosecutors", "reported")
    for start in ("was only defending", "He has cooked there"):
        said = _one(text, start)
        assert (said.speaker, said.setting, said.recipient, said.date) == (
            "Ana Voss",
            "press_conference",
            "reporters",
            "2025-10-15",
        )


def test_words_of_someone_the_paper_interviewed_were_said_to_the_paper() -> None:
    text = (
        "By Ola Brun | Elm Daily Record | Monday, April 20, 2026\n\n"
        "The Record interviewed former prosecutor Ivo Dell, who now works as a defense lawyer. "
        'Dell called the arrests "a mistake from start to finish."\n\n'
        '"You need probable cause for each person," he said.\n'
    )
    for start in ("a mistake from start", "You need probable cause"):
        said = _one(text, start)
        assert (said.speaker, said.setting, said.recipient) == (
            "Ivo Dell",
            "interview",
            "Elm Daily Record",
        )


def test_a_byline_over_its_outlet_line_and_a_dated_dateline() -> None:
    text = (
        "By Ola Brun\n"
        "Fenwick Wire Service\n"
        "FENWICK (FWS) — Thursday, May 14, 2026 — A nurse told state senators on Wednesday "
        "that the clinic had run out of insulin twice.\n\n"
        "A department spokesperson, Ada Roe, told the Wire on Wednesday that the chief "
        '"has ordered a full review."\n'
    )
    nurse = _one(text, "that the clinic had run out")
    assert (nurse.recipient, nurse.date) == ("the state senators", "2026-05-13")
    review = _one(text, "has ordered a full review")
    assert (review.setting, review.recipient) == ("interview", "Fenwick Wire Service")


def test_a_delayed_lede_names_its_man_in_the_next_sentences() -> None:
    text = (
        "By Ola Brun | Fenwick Wire | Thursday, May 14, 2026\n\n"
        "FENWICK - A man who spent a week in jail after a wrong match told senators on "
        "Wednesday that no one ever checked his alibi.\n\n"
        '"They had a guess and nothing else," Tom Vey testified before the committee.\n\n'
        "Police Chief Ana Wirth said the department had changed its rules.\n"
    )
    alibi = _one(text, "that no one ever checked")
    assert alibi.speaker == "Tom Vey"
    assert _one(text, "the department had changed").speaker == "Ana Wirth"


def test_he_said_after_a_sentence_that_introduces_a_person_means_that_person() -> None:
    text = (
        "FOR IMMEDIATE RELEASE | May 14, 2026\n\n"
        '"We closed the case," said Chief Ada Roe. "It took a year."\n\n'
        "The first complaints were sent to the task force by County Prosecutor Tom Vey. "
        '"We had a new report every night," he said.\n'
    )
    assert _one(text, "We had a new report").speaker == "Tom Vey"
    assert _one(text, "We closed the case").speaker == "Ada Roe"


def test_told_someone_in_a_recorded_call_then_a_quotation_is_the_quotation_alone() -> None:
    text = (
        "FOR IMMEDIATE RELEASE | May 14, 2026\n\n"
        "Prosecutors allege Tom Vey told one buyer in a recorded call on June 3, 2025, "
        '"Bring me anything you find and I pay cash."\n'
    )
    assert [p.text[:12] for p in extract(text)] == ["Bring me any"]
    cash = _one(text, "Bring me anything")
    assert (cash.speaker, cash.setting, cash.date) == ("Tom Vey", "phone_call", "2025-06-03")


def test_the_one_warned_is_the_one_spoken_to_but_warned_that_names_no_one() -> None:
    text = (
        "By Ola Brun | Fenwick Wire | May 9, 2025\n\n"
        "Judge Rhea Lund said Tom Vey had 'deep roots here.' But she warned him from the "
        "bench: 'One missed curfew and you go to jail.'\n\n"
        "Prosecutor Ana Dorn warned that the case 'is far from over.'\n"
    )
    assert _one(text, "One missed curfew").recipient == "Tom Vey"
    assert _one(text, "is far from over").recipient == ""


def test_a_relative_clause_without_a_comma_after_a_quotation_is_still_the_speakers() -> None:
    text = (
        "By Ola Brun | Fenwick Wire | May 9, 2025\n\n"
        'Public defender Ana Dorn said her office had found "at least nine more cases" in which '
        "a facial recognition match was the main evidence against a client.\n\n"
        'Chief Tom Vey said the stop was "by the book", which the video contradicts.\n'
    )
    assert _one(text, "in which a facial recognition match").speaker == "Ana Dorn"
    assert not [p for p in extract(text) if "video contradicts" in p.text]


def test_a_long_subject_whose_modal_a_quotation_completes_is_a_reported_clause() -> None:
    text = (
        "By Ola Brun | Fenwick Wire | May 9, 2025\n\n"
        "Sheriff Ann Roe testified against the bill. She said a total ban on arrests that "
        'rely on a match would "tie our hands in the cases that matter most."\n'
    )
    ban = _one(text, "a total ban on arrests")
    assert (ban.speaker, ban.speech) == ("Ann Roe", "reported")
