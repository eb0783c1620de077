"""The prose reader on how appellate opinions retell what was said: the parties' arguments
in the present tense, the trial court's findings, a call quoted as labelled lines, lettered
headings that are not answers, and a question and its reply joined by a semicolon.

Every text here is a short made-up snippet written for the rule it tests.
"""

from __future__ import annotations

from app.core.intake.extract import extract
from app.core.intake.proposal import Proposal


def _one(text: str, start: str) -> Proposal:
    found = [p for p in extract(text) if p.text.removeprefix("that ").startswith(start)]
    assert len(found) == 1, [(p.text, p.speaker) for p in extract(text)]
    return found[0]


OPINION = (
    "IN THE COURT OF APPEALS OF THE STATE OF PINE\n"
    "STATE OF PINE, Plaintiff-Appellee,\n"
    "v.\n"
    "TOM R. ORR, Defendant-Appellant.\n"
    "Appeal from the Superior Court of Elm County, Hon. Ada Vint, Judge.\n"
    "Filed March 11, 2025\n"
    "OPINION\n"
    "Appellant Tom R. Orr appeals his conviction. He argues that the trial court should have "
    "suppressed the statement he made in the patrol car.\n"
    "I. BACKGROUND\n"
    "At 11:50 p.m. on June 3, 2023, Cal Ruiz called 911. The relevant portion reads:\n"
    "DISPATCHER: Elm 911, what is your emergency?\n"
    "CALLER: A man just took my bag.\n"
    "(Tr. 14.)\n"
    "Officer Rosa Penn stopped appellant nearby. She asked him where he was going; he told "
    'her he had been at his sister\'s house "all night."\n'
    'Later Sergeant Ivo Kent leaned in and asked, "Where is the bag?" Appellant answered: '
    '"It is in the car."\n'
    'The trial court denied the motion, finding that Officer Penn "did everything right."\n'
    "II. ANALYSIS\n"
    "A. The stop\n"
    "The State contends that the officer's question falls within the public-safety "
    "exception. It does not.\n"
)


def test_the_parties_arguments_in_the_present_tense_are_their_words() -> None:
    argues = _one(OPINION, "the trial court should have")
    assert (argues.speaker, argues.speech, argues.setting) == (
        "Tom R. Orr",
        "reported",
        "written_statement",
    )
    contends = _one(OPINION, "the officer's question falls")
    assert contends.speaker.lower() == "state of pine"


def test_a_trial_courts_finding_is_its_words_and_a_lettered_heading_no_answer() -> None:
    right = [p for p in extract(OPINION) if "did everything right" in p.text]
    assert [p.speaker for p in right] in (["Ada Vint"], ["the trial court"])
    assert not [p for p in extract(OPINION) if p.text.startswith("The stop")]


def test_a_call_quoted_as_labelled_lines_is_each_labels_words() -> None:
    asked = _one(OPINION, "Elm 911, what is")
    assert (asked.speaker, asked.setting, asked.speech) == ("DISPATCHER", "phone_call", "verbatim")
    bag = _one(OPINION, "A man just took my bag.")
    assert (bag.speaker, bag.recipient) == ("Cal Ruiz", "DISPATCHER")
    assert asked.recipient == "Cal Ruiz"


def test_a_semicolon_ends_a_reported_question_before_the_reply() -> None:
    going = _one(OPINION, "where he was going")
    assert going.text.rstrip(" ;") == "where he was going"
    assert going.speaker == "Rosa Penn"
    house = _one(OPINION, "he had been at his sister")
    assert (house.speaker, house.recipient) == ("Tom R. Orr", "Rosa Penn")
    assert going.recipient == "Tom R. Orr"


def test_a_footnote_call_ends_the_sentence_and_a_condition_is_no_statement() -> None:
    text = OPINION.replace(
        "It does not.\n",
        'It does not.\nAppellant argues that the showup was "the worst choice."[2] We agree '
        "that showups are suggestive. If the State contends that the tape is lost, it must "
        "say so.\n",
    )
    assert not [p for p in extract(text) if "We agree" in p.text or "tape is lost" in p.text]


def test_an_answer_is_given_to_the_one_who_just_asked() -> None:
    car = _one(OPINION, "It is in the car.")
    assert (car.speaker, car.recipient) == ("Tom R. Orr", "Ivo Kent")


ACCOUNT = (
    "IN THE COURT OF CRIMINAL APPEALS OF PINE\n"
    "OPINION\n"
    "On July 26, 2001, Ann Lee gave a videotaped statement to officers of the Elm Police "
    "Department. In that statement, Lee admitted that she was driving and looking for her "
    "phone. (Supp. R. 18.) When she looked up, she noticed that her windshield was broken. "
    "(Supp. R. 19.) She turned and drove back to the area. We hold that the statement was "
    "voluntary.\n"
)


def test_an_account_opened_by_in_that_statement_goes_on_in_plain_sentences() -> None:
    looked = _one(ACCOUNT, "When she looked up")
    assert (looked.speaker, looked.speech, looked.setting) == (
        "Ann Lee",
        "reported",
        "police_interview",
    )
    assert looked.recipient == "officers of the Elm Police Department"
    assert _one(ACCOUNT, "She turned and drove back").speaker == "Ann Lee"
    assert not [p for p in extract(ACCOUNT) if "We hold" in p.text]


def test_an_exchange_told_after_testimony_is_not_itself_testimony() -> None:
    text = OPINION.replace(
        "Officer Rosa Penn stopped appellant nearby. ",
        "Officer Rosa Penn stopped appellant nearby. At the hearing she testified that "
        "appellant was limping. ",
    )
    assert _one(text, "appellant was limping").setting == "sworn_testimony"
    assert _one(text, "where he was going").setting != "sworn_testimony"
    assert _one(text, "he had been at his sister").setting != "sworn_testimony"


def test_words_at_a_hearing_the_text_dates_take_its_day() -> None:
    text = OPINION.replace(
        "Officer Rosa Penn stopped appellant nearby. ",
        "The recording was played at the suppression hearing on November 14, 2023. Officer "
        "Rosa Penn stopped appellant nearby. At the hearing she testified that appellant was "
        "limping. ",
    )
    limping = _one(text, "appellant was limping")
    assert (limping.setting, limping.date) == ("sworn_testimony", "2023-11-14")


def test_a_tag_inside_a_retold_sentence_breaks_it_into_two_entries() -> None:
    text = ACCOUNT.replace(
        "When she looked up,",
        "While she was turned around, Lee said, she hit something. When she looked up,",
    )
    assert _one(text, "While she was turned around").text.rstrip() == "While she was turned around,"
    assert _one(text, "she hit something").speaker == "Ann Lee"


def test_when_one_asked_the_answer_after_the_comma_is_the_answerers() -> None:
    text = (
        "IN THE COURT OF APPEALS OF PINE\nOPINION\n"
        "When Officer Rosa Penn asked how sure he was, Cal Ruiz answered that he was "
        '"pretty sure."\n'
    )
    asked = _one(text, "how sure he was")
    assert (asked.speaker, asked.recipient) == ("Rosa Penn", "Cal Ruiz")
    sure = _one(text, "pretty sure")
    assert (sure.speaker, sure.recipient) == ("Cal Ruiz", "Rosa Penn")


def test_a_question_that_names_no_listener_goes_to_its_answerer_not_the_one_asked_before() -> None:
    text = (
        "IN THE COURT OF APPEALS OF PINE\nOPINION\n"
        'Officer Rosa Penn stopped Tom Vey. She asked him where he was going; he told her "home."\n'
        "Penn drove Cal Ruiz past the car. When Officer Penn asked how sure he was, Cal Ruiz "
        'answered that he was "pretty sure."\n'
    )
    asked = _one(text, "how sure he was")
    assert (asked.speaker, asked.recipient) == ("Rosa Penn", "Cal Ruiz")
    sure = _one(text, "pretty sure")
    assert (sure.speaker, sure.recipient) == ("Cal Ruiz", "Rosa Penn")


def test_words_after_someone_advised_the_defendant_are_said_to_the_adviser() -> None:
    text = (
        "IN THE COURT OF APPEALS OF PINE\nOPINION\n"
        "Tom Vey was arrested that night. Captain Rosa Penn advised the respondent of his rights. "
        "The respondent stated that he understood those rights and wanted a lawyer.\n"
    )
    rights = _one(text, "he understood those rights")
    assert rights.recipient == "Rosa Penn"


def test_words_of_a_caller_go_to_those_who_received_the_call() -> None:
    text = (
        "IN THE COURT OF APPEALS OF PINE\nOPINION\n"
        "Shortly after midnight, the Elm police received a telephone call from Cal Ruiz, also "
        "a driver, who reported that he had just been robbed. Ruiz further reported that he "
        "had dropped the man off near the college.\n"
    )
    robbed = _one(text, "he had just been robbed")
    assert (robbed.speaker, robbed.recipient) == ("Cal Ruiz", "Elm police")
    assert _one(text, "he had dropped the man off").recipient == "Elm police"
