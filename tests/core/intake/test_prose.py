"""The prose reader (news, releases, department statements, letters, opinions, reports):
speakers from the body, titles, reported speech, setting, recipient, date and pin cites.

Every text here is a short made-up snippet written for the rule it tests.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.core.intake import forms
from app.core.intake.extract import extract
from app.core.intake.proposal import SETTINGS, Proposal

REPO = Path(__file__).resolve().parents[3]


def _by_start(text: str) -> dict[str, Proposal]:
    return {p.text[:20]: p for p in extract(text)}


def _one(text: str, start: str) -> Proposal:
    found = [p for p in extract(text) if p.text.startswith(start)]
    assert len(found) == 1, [p.text for p in extract(text)]
    return found[0]


NEWS = (
    'Mayor Brandt On Budget Cuts: "We Had No Choice"\n\n'
    "By Lena Okafor, Millbrook Sentinel\n\n"
    "MILLBROOK, Thursday, March 6, 2025 — Mayor Oskar Brandt on Wednesday defended the cuts "
    "to the library budget.\n\n"
    '"We had no choice this year," Brandt said at a news conference at city hall.\n\n'
    'Councilwoman Ada Fenn said the cuts were never put to a vote. "Nobody asked the '
    'council," she told the Sentinel.\n\n'
    "The Friends of the Library group wrote on Instagram on Monday that it would hold a "
    'read-in on Saturday. "Libraries are not a luxury," the post said.\n'
)


def test_a_headline_never_names_the_speaker_and_its_quote_is_not_an_entry() -> None:
    proposals = extract(NEWS)
    assert not any("On Budget" in p.speaker for p in proposals)
    quote = _one(NEWS, "We had no choice this year")
    assert quote.speaker == "Oskar Brandt"
    assert quote.pin_cite == "¶ 4"  # the body's quotation, not the headline's
    assert sum(1 for p in proposals if p.text.startswith("We Had No Choice")) == 0


def test_setting_and_date_come_from_the_attribution_and_the_dateline() -> None:
    quote = _one(NEWS, "We had no choice this year")
    # "on Wednesday" in the lede, against the dateline's Thursday, March 6, 2025.
    assert (quote.setting, quote.date, quote.speech) == (
        "press_conference",
        "2025-03-05",
        "verbatim",
    )
    told = _one(NEWS, "Nobody asked the council")
    assert (told.speaker, told.setting, told.recipient) == (
        "Ada Fenn",
        "interview",
        "Millbrook Sentinel",
    )
    posted = _one(NEWS, "Libraries are not a luxury")
    assert posted.setting == "social_media" and posted.date == "2025-03-03"
    assert all(p.setting in SETTINGS or p.setting == "" for p in extract(NEWS))


def test_reported_speech_is_proposed_apart_from_quotations() -> None:
    reported = _one(NEWS, "the cuts were never put to a vote")
    assert (reported.speaker, reported.speech) == ("Ada Fenn", "reported")
    vigil = _one(NEWS, "that it would hold a read-in")
    assert vigil.speech == "reported" and vigil.setting == "social_media"
    assert vigil.date == "2025-03-03"  # "on Monday", not the read-in's Saturday


def test_a_reported_sentence_with_quoted_fragments_splits_at_them() -> None:
    text = (
        "RIVERTON — Lt. Carla Dunmore told the Herald last week that the unit had acted on "
        '"solid information from two sources" and that the search "followed every rule we '
        'have," adding that no one was hurt.\n'
    )
    proposals = extract(text)
    speech = [(p.speech, p.text.split()[0]) for p in proposals]
    assert speech[:3] == [("reported", "that"), ("verbatim", "solid"), ("verbatim", "followed")]
    assert all(p.speaker == "Carla Dunmore" for p in proposals)
    # "last week" is not a day; "and that the search" is a lead-in of fewer than four words.
    assert all(p.date == "" for p in proposals)
    assert not any(p.text.startswith("and that the search") for p in proposals)
    assert {p.recipient for p in proposals} == {"Herald"}


def test_titles_are_split_from_names_and_appositives_give_titles() -> None:
    text = (
        'HOLLIS – "The seizure was lawful," said Hollis County Sheriff and Regional Task Force '
        "Chair Marta Quill.\n\n"
        '"We followed the warrant," said Tomas R. Vance, Special Agent in Charge, Hollis Field '
        "Office.\n\n"
        "Former District Attorney Renata Osei, who interviewed former County Attorney Paul "
        'Brisk for the inquiry, said: "The record speaks for itself."\n'
    )
    by = _by_start(text)
    assert by["The seizure was lawf"].speaker == "Marta Quill"
    assert by["We followed the warr"].speaker == "Tomas R. Vance"
    osei = by["The record speaks fo"]
    assert osei.speaker == "Renata Osei"
    assert "Paul" not in osei.speaker_title


def test_a_press_release_quotes_in_writing_on_its_date() -> None:
    text = (
        "OFFICE OF THE DISTRICT ATTORNEY, LARCH COUNTY\n\n"
        "FOR IMMEDIATE RELEASE: Tuesday, April 8, 2025\n\n"
        "LARCH – District Attorney Noor Castell today announced a guilty verdict in the "
        "warehouse fire case.\n\n"
        '"The jury saw the evidence for what it was," said District Attorney Castell.\n\n'
        'The victim, a night guard, addressed the court at sentencing. "I still smell the '
        'smoke," he said.\n\n'
        "###\n"
    )
    castell = _one(text, "The jury saw")
    assert (castell.speaker, castell.setting, castell.date) == (
        "Noor Castell",
        "written_statement",
        "2025-04-08",
    )
    guard = _one(text, "I still smell")
    assert (guard.speaker, guard.setting, guard.recipient) == (
        "the victim",
        "in_court",
        "the court",
    )


def test_a_department_statement_reports_the_clause_before_its_tag() -> None:
    text = (
        "Dunmore Police Department - News Release\n\n"
        "Posted: Monday, June 2, 2025\n\n"
        "DUNMORE – The Dunmore Police Department arrested three men after a chase on Route 6 "
        "overnight, the department said Monday.\n"
    )
    (only,) = extract(text)
    assert only.speech == "reported" and only.speaker == "Dunmore Police Department"
    assert (only.setting, only.date) == ("written_statement", "2025-06-02")


def test_a_letter_names_the_defendant_from_its_caption_and_the_officer_told() -> None:
    text = (
        "OFFICE OF THE DISTRICT ATTORNEY, FENWICK COUNTY\n"
        "May 2, 2025\n"
        "Re: People v. Rollo Tennant, Docket No. 25-114\n"
        "Dear Ms. Abara:\n"
        "(a) On April 3, 2025, at approximately 1:10 a.m., the defendant stated to Police "
        'Officer Ines Marrow, in sum and substance, that he "never touched the car."\n'
        "The witness, Pia Lund, said in a telephone call with this office on April 20, 2025 "
        "that she saw the defendant running north on Oak Street.\n"
        "Sincerely,\n"
        "Kai Dorsey\n"
    )
    quote = _one(text, "never touched the car")
    assert (quote.speaker, quote.recipient, quote.setting, quote.date) == (
        "Rollo Tennant",
        "Ines Marrow",
        "police_encounter",
        "2025-04-03",
    )
    call = _one(text, "that she saw the defendant")
    assert (call.speaker, call.speech, call.setting, call.date) == (
        "Pia Lund",
        "reported",
        "phone_call",
        "2025-04-20",
    )
    assert call.recipient == "OFFICE OF THE DISTRICT ATTORNEY, FENWICK COUNTY"


REPORT = (
    "MADE UP - COUNTY SHERIFF - ARREST REPORT / NARRATIVE\n"
    "Case No. 25-0099     Arrestee: PALE, Jonah R.\n"
    "Arresting Deputy: Dep. Ruth Okonkwo #41     Report Date: 03/14/2025\n"
    "1. On 03/14/2025 at 0210 hrs I stopped a blue sedan on Mill Road. The driver was "
    "Jonah R. Pale.\n"
    '2. I asked Pale where he was going. Pale stated, "Home, that\'s all." Pale stated he had '
    "one beer at a friend's house.\n"
    "3. Pale was transported to Station B. At Station B, Pale was read the implied consent "
    'advisory. He stated, "Fine, I\'ll blow."\n'
    "4. Dispatch (Operator Lee Arno) advised by phone that the plate was not stolen.\n"
)


def test_a_police_report_pins_its_own_numbers_and_tells_who_heard_it() -> None:
    home = _one(REPORT, "Home, that's all.")
    assert (home.pin_cite, home.speaker, home.recipient) == ("¶ 2", "Jonah R. Pale", "Ruth Okonkwo")
    assert (home.setting, home.date) == ("police_encounter", "2025-03-14")
    beer = _one(REPORT, "he had one beer")
    assert (beer.speech, beer.pin_cite, beer.speaker) == ("reported", "¶ 2", "Jonah R. Pale")
    station = _one(REPORT, "Fine, I'll blow.")
    assert station.setting == "police_interview" and station.pin_cite == "¶ 3"
    phone = _one(REPORT, "that the plate was not stolen")
    assert (phone.speaker, phone.setting, phone.date) == ("Lee Arno", "phone_call", "")


def test_the_authors_own_narrative_is_not_a_statement() -> None:
    texts = [p.text for p in extract(REPORT)]
    assert not any(t.startswith("where he was going") for t in texts)
    assert not any("blue sedan" in t for t in texts)


def test_last_week_is_not_a_day_and_testimony_is_sworn() -> None:
    text = (
        "By Ravi Sun | Eastport Ledger | Friday, May 9, 2025\n\n"
        "EASTPORT — A bus driver testified Thursday that he saw the car run the light. Omar "
        "Delacroix, 44, a driver for the transit authority, was the first witness.\n\n"
        '"It was red for a good two seconds," Delacroix told jurors.\n\n'
        "The defendant's lawyer, Fay Grant, told reporters last week that the light was "
        "broken.\n"
    )
    first = _one(text, "that he saw the car")
    assert (first.speaker, first.setting, first.date) == (
        "Omar Delacroix",
        "sworn_testimony",
        "2025-05-08",
    )
    red = _one(text, "It was red")
    assert (red.setting, red.recipient, red.date) == ("sworn_testimony", "jurors", "2025-05-08")
    grant = _one(text, "that the light was broken")
    assert (grant.speaker, grant.setting, grant.date) == ("Fay Grant", "press_conference", "")


@pytest.mark.parametrize(
    "path",
    sorted(
        str(p.relative_to(REPO))
        for p in (REPO / "tests/intake/keys").glob("*.json")
        if json.loads(p.read_text(encoding="utf-8"))["part"] == "development"
        and json.loads(p.read_text(encoding="utf-8"))["kind"]
        in {
            "news",
            "press_release",
            "police_statement",
            "court_opinion",
            "discovery_letter",
            "police_report",
        }
    ),
)
def test_every_development_prose_text_goes_to_the_prose_reader(path: str) -> None:
    key = json.loads((REPO / path).read_text(encoding="utf-8"))
    text = (REPO / key["text"]).read_text(encoding="utf-8")
    assert forms.detect(text) == "prose"


def test_question_and_answer_lines_in_an_opinion_are_statements() -> None:
    text = (
        "IN THE COURT OF APPEALS OF THE STATE OF NEW HALDEN\n\n"
        "OPINION\n\n"
        "On cross-examination, Deputy Rhea Colter conceded that she never saw the pistol.\n\n"
        'Q: So you never saw a "gun" in his hand?\n\n'
        "A: No, sir. I saw something dark.\n"
    )
    question = _one(text, "So you never saw")
    assert (question.speaker, question.setting, question.recipient) == (
        "Q",
        "in_court",
        "Rhea Colter",
    )
    assert (question.label, question.speaker_kind) == ("Q", "label")
    answer = _one(text, "No, sir.")
    assert (answer.speaker, answer.setting, answer.speech) == (
        "Rhea Colter",
        "sworn_testimony",
        "verbatim",
    )
    assert not any(p.text == "gun" for p in extract(text))  # nested inside the question


def test_a_courts_statement_of_facts_is_narrative_and_its_speech_is_reported() -> None:
    text = (
        "Supreme Court of New Halden\n\n"
        "State v. Ivo Brenner\n\n"
        "PER CURIAM.\n\n"
        "The Court of Appeals described the facts as follows:\n\n"
        "\u201cA trooper of the State Patrol stopped the defendant on the highway. The trooper "
        "asked if the defendant had been drinking. The defendant said he had two beers.\u201d\n\n"
        "We reverse.\n"
    )
    proposals = extract(text)
    assert not any(p.text.startswith("A trooper of the State") for p in proposals)
    asked = _one(text, "if the defendant had been drinking")
    assert (asked.speaker, asked.speech) == ("the trooper", "reported")
    beers = _one(text, "he had two beers")
    assert beers.speaker == "Ivo Brenner"


def test_an_appositive_after_the_name_gives_the_title_and_never_the_speaker() -> None:
    text = (
        "Jane Roe, U.S. Attorney for the District, said the case was closed. "
        '"It is over," Roe said.\n'
    )
    reported = _one(text, "the case was closed")
    quote = _one(text, "It is over")
    assert reported.speaker == quote.speaker == "Jane Roe"
    assert quote.speaker_title == "U.S. Attorney for the District"


def test_the_post_speaks_for_who_posted_it_and_the_speaker_words_are_marked() -> None:
    text = (
        "The Elm Street Tenants Union wrote on Facebook that it would picket on Friday. "
        '"Heat is a right," the post said.\n'
    )
    post = _one(text, "Heat is a right")
    assert post.speaker == "Elm Street Tenants Union" and post.setting == "social_media"
    reported = _one(text, "that it would picket")
    assert text[reported.speaker_start : reported.speaker_end] == "The Elm Street Tenants Union"


def test_told_the_defendant_names_the_defendant_of_the_caption() -> None:
    text = (
        "State v. Lorne Abbot\n\n"
        "OPINION\n\n"
        "The detective told defendant he was free to leave at any time.\n"
    )
    told = _one(text, "he was free to leave")
    assert (told.speaker, told.recipient) == ("the detective", "Lorne Abbot")


def test_a_wire_dateline_and_a_headline_with_figures_name_no_one() -> None:
    text = (
        "Police Make 14 Arrests After Protest Near Courthouse\n\n"
        "WASHINGTON (AP) — The Metro Police Department arrested 14 people on Saturday, Chief "
        "Rita Vance said.\n\n"
        '"We gave every warning we could," Vance told The Associated Press.\n'
    )
    proposals = extract(text)
    assert {p.speaker for p in proposals} == {"Rita Vance"}
    warning = _one(text, "We gave every warning")
    assert warning.setting == "interview" and warning.recipient == "The Associated Press"


def test_a_supplementary_report_interview_is_a_police_interview_with_its_author() -> None:
    text = (
        "HOLLOW COUNTY SHERIFF'S OFFICE - SUPPLEMENTARY REPORT\n"
        "Case No. 25-4410     Investigating Officer: Det. Aaron Pike #77     "
        "Report Date: 04/11/2025\n"
        "On 04/11/2025 I interviewed Witness Lena Ortiz at the Sheriff's Office.\n"
        "Witness Ortiz stated she saw a man in a red jacket leave the store at about 2200 hrs.\n"
        'Ortiz stated, "He had a bag and he was running."\n'
    )
    for start in ("she saw a man", "He had a bag"):
        said = _one(text, start)
        assert (said.speaker, said.recipient, said.setting, said.date) == (
            "Lena Ortiz",
            "Aaron Pike",
            "police_interview",
            "2025-04-11",
        )
    assert _one(text, "she saw a man").pin_cite == "¶ 4"


def test_another_outlets_story_is_not_a_statement() -> None:
    text = "Nine officers searched the flat on Friday, the Eastport Ledger reported.\n"
    assert extract(text) == []


def test_narrative_verbs_names_and_passives_are_not_statements() -> None:
    text = (
        "Ofc. Dale Hume responded to a 911 call from the bakery. The driver agreed to perform "
        "field tests. Subject advised prior back injury, right. Hume responded and processed "
        "the scene. The clerk said she was looking for a man named \u201cRico\u201d in the "
        "store. The man was immediately told that he was free to go.\n"
    )
    proposals = extract(text)
    assert [(p.speech, p.text) for p in proposals] == [
        ("reported", "she was looking for a man named \u201cRico\u201d in the store.")
    ]


def test_an_opinion_names_the_respondent_and_a_defence_letter_its_client() -> None:
    opinion = (
        "JUSTICE MARLOWE delivered the opinion of the Court.\n\n"
        "Patrolman Ezra Vance arrested the respondent, Tobias Rusk, near a mall. Vance advised "
        "the respondent of his rights, and the respondent stated that he wanted a lawyer.\n"
    )
    (only,) = extract(opinion)
    assert (only.speaker, only.speech) == ("Tobias Rusk", "reported")
    letter = (
        "Re: State v. Jonah Pell\n"
        "Dear Records Officer:\n"
        'Officer Tess Gale told my client, "You are not free to leave."\n'
        "Sincerely,\n"
        "Priya Nadar\n"
    )
    told = _one(letter, "You are not free")
    assert (told.speaker, told.recipient) == ("Tess Gale", "Jonah Pell")


def test_a_station_told_on_monday_is_an_interview() -> None:
    text = (
        "Posted: Tuesday, March 4, 2025\n\n"
        "Loretta Fell told WKRN on Monday that her son had complained of chest pain.\n"
    )
    (only,) = extract(text)
    assert (only.setting, only.recipient, only.date) == ("interview", "WKRN", "2025-03-03")


def test_the_respondent_is_the_party_a_one_word_caption_names() -> None:
    text = (
        "State v. Innes\n\n"
        "OPINION\n\n"
        "Officers arrested Thomas Innes outside a bar. At the station the respondent said that "
        "he wanted a lawyer.\n"
    )
    (only,) = extract(text)
    assert only.speaker == "Thomas Innes"


def test_according_to_a_person_is_reported_speech_but_records_are_not() -> None:
    text = (
        "According to a police spokesperson, Lt. Carl Dunn, the footage will be released "
        "within 30 days. According to court records, the car was stolen in May.\n"
    )
    (only,) = extract(text)
    assert (only.speaker, only.speech) == ("Carl Dunn", "reported")
    assert only.text == "the footage will be released within 30 days."


def test_a_document_date_given_from_outside_dates_an_undated_text() -> None:
    from app.core.intake.prose import read_prose

    text = "Sheriff Ana Ruiz said on Monday that the jail would reopen.\n"
    (only,) = read_prose(text, document_date="2025-06-04")
    assert only.date == "2025-06-02"
    (undated,) = read_prose(text)
    assert undated.date == ""


def test_words_a_witness_heard_someone_yell_are_that_persons() -> None:
    text = (
        "RIVERTON POLICE DEPARTMENT - SUPPLEMENTAL REPORT\n"
        "Case No.: 25-11873     Reporting Officer: Det. Ines Marlowe #512     Date: 06/14/2025\n"
        'Harold Gunn said one of the men yelled, "I will find you." Per Gunn, the argument '
        "lasted about five minutes.\n"
    )
    yelled = _one(text, "I will find you")
    assert yelled.speaker == "one of the men" and yelled.recipient == ""
    per = _one(text, "the argument lasted")
    assert (per.speaker, per.speech, per.recipient) == ("Harold Gunn", "reported", "Ines Marlowe")


def test_adding_that_and_a_tag_inside_the_sentence_report_the_speakers_words() -> None:
    text = (
        "Police Chief Ana Ruiz said the stops were lawful. The officers, she said, followed "
        "every rule in the book.\n\n"
        '"We are done," Sheriff Tom Bell told the Herald, adding that the case would be closed '
        "by Friday.\n"
    )
    tagged = _one(text, "The officers, she said")
    assert (tagged.speaker, tagged.speech) == ("Ana Ruiz", "reported")
    adding = _one(text, "that the case would be closed")
    assert (adding.speaker, adding.recipient, adding.setting) == ("Tom Bell", "Herald", "interview")


def test_she_after_he_asked_the_woman_is_the_woman() -> None:
    text = (
        "The officer asked the woman of the house if she had seen anyone. She replied that "
        "a tall man had run past the window.\n"
    )
    asked = _one(text, "if she had seen anyone")
    replied = _one(text, "that a tall man had run")
    assert asked.speaker == "the officer"
    assert replied.speaker == "the woman of the house"


def test_words_recounted_in_testimony_were_said_at_the_encounter_on_its_day() -> None:
    text = (
        "MADE UP OPINION\n\n"
        "OPINION\n\n"
        "On the night of May 2, 2024, Deputy Ruth Amos stopped Cal Ennis on Pier Road. At the "
        'hearing, Deputy Amos testified that she asked, "Do you have anything sharp on you?" '
        'and that Ennis answered, "Just my keys, look if you want."\n'
    )
    asked = _one(text, "Do you have anything sharp")
    answered = _one(text, "Just my keys")
    assert (asked.speaker, asked.setting, asked.date) == (
        "Ruth Amos",
        "police_encounter",
        "2024-05-02",
    )
    assert (answered.speaker, answered.setting, answered.date) == (
        "Cal Ennis",
        "police_encounter",
        "2024-05-02",
    )


def test_a_three_word_headline_with_a_title_names_no_one() -> None:
    text = (
        "Chief Defends Arrests\n\n"
        "Police Chief Miriam Green said on Sunday that officers had shown restraint. "
        '"Nobody was hurt," the chief said.\n'
    )
    assert {p.speaker for p in extract(text)} == {"Miriam Green"}


def test_a_titled_surname_is_the_speaker_and_yields_to_a_full_name_given_later() -> None:
    text = (
        "Patrolman Dunn testified that the respondent interrupted the conversation. The "
        "respondent then spoke up, stating that he would show them the gun.\n\n"
        'Later, Sgt. Mara Dunn told reporters, "He volunteered it."\n'
    )
    testified = _one(text, "that the respondent interrupted")
    stating = _one(text, "that he would show them the gun")
    assert testified.speaker == "Mara Dunn"  # the full name the text gives anywhere
    assert stating.speech == "reported"
    only_surname = "Patrolman Dunn testified that the light was green.\n"
    assert _one(only_surname, "that the light was green").speaker == "Dunn"
