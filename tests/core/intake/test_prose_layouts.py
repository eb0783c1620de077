"""The prose reader on the layouts of real forms: a report's header and the narrative's own
numbers, a release's officials and its account of the night, a department's statement, a
notice's lettered items and a defence letter's account of an incident.

Every text here is a short made-up snippet written for the rule it tests.
"""

from __future__ import annotations

from app.core.intake.extract import extract
from app.core.intake.proposal import Proposal
from app.core.intake.prose_layout import lettered_items


def _one(text: str, start: str) -> Proposal:
    found = [p for p in extract(text) if p.text.startswith(start)]
    assert len(found) == 1, [(p.text, p.speaker) for p in extract(text)]
    return found[0]


# A sheriff's form: the title at the right of the agency line, fields in "Label: value"
# columns, parties listed SURNAME, Given, and the narrative under its own heading.
FORM_REPORT = (
    "MADE UP\n"
    "PINE COUNTY SHERIFF'S OFFICE                     INCIDENT / ARREST REPORT\n"
    "Case Number: PC-25-0042          Report Date: 05/03/2025          Page 1 of 1\n"
    "Incident: Theft\n"
    "Location: 12 Oak Lane, Pine\n"
    "Occurred: 05/02/2025 approx. 2200 hrs\n"
    "Reporting Deputy: Dep. Mara Quill #12     Assisting: Dep. Ivo Penn #30\n"
    "VICTIM: HOLT, Ada\n"
    "SUSPECT: VOSS, Ben\n"
    "WITNESS: RUIZ, Cal\n"
    "NARRATIVE:\n"
    "1. On 05/02/2025 at approximately 2205 hrs I was dispatched to 12 Oak Lane. Per "
    'dispatch, the caller, later identified as Ada Holt, reported that a man was "riding off '
    'with my bike" and had left the gate open.\n'
    '2. I spoke with Ben Voss at the door. I asked him, "Where is the bike?" Voss stated, "I '
    'never took her bike."\n'
    "3. I spoke with the victim, Ada Holt. Holt stated she saw Voss ride the bike away.\n"
    "4. Dep. Penn spoke with the witness Cal Ruiz. Per Dep. Penn, Ruiz stated he was in his "
    'yard and heard the suspect shout, "Get away from me right now."\n'
    "5. The bike was found in the garage.\n"
)


def test_a_form_reports_header_and_narrative_give_its_own_numbers_and_day() -> None:
    bike = _one(FORM_REPORT, "I never took her bike.")
    assert (bike.pin_cite, bike.speaker, bike.recipient) == ("¶ 2", "Ben Voss", "Mara Quill")
    assert (bike.setting, bike.date) == ("police_encounter", "2025-05-02")
    saw = _one(FORM_REPORT, "she saw Voss ride")
    assert (saw.pin_cite, saw.speaker, saw.recipient) == ("¶ 3", "Ada Holt", "Mara Quill")
    assert (saw.setting, saw.date) == ("police_encounter", "2025-05-02")


def test_a_report_tells_who_took_the_words_and_who_the_header_parties_are() -> None:
    asked = _one(FORM_REPORT, "Where is the bike?")
    assert (asked.speaker, asked.recipient, asked.setting) == (
        "Mara Quill",
        "Ben Voss",
        "police_encounter",
    )
    call = _one(FORM_REPORT, "riding off with my bike")
    assert (call.speaker, call.setting, call.recipient, call.date) == (
        "Ada Holt",
        "phone_call",
        "dispatch",
        "2025-05-02",
    )
    yard = _one(FORM_REPORT, "he was in his yard")
    assert (yard.speaker, yard.recipient, yard.pin_cite) == ("Cal Ruiz", "Ivo Penn", "¶ 4")
    shout = _one(FORM_REPORT, "Get away from me")
    assert (shout.speaker, shout.date) == ("Ben Voss", "2025-05-02")


INTERVIEW_REPORT = (
    "MADE UP\n"
    "ELM CITY POLICE DEPARTMENT\n"
    "SUPPLEMENTARY INVESTIGATION REPORT\n"
    "Author: Det. Rosa Vint #8     Date of Report: 05/06/2025\n"
    "Subject of Supplement: Follow-up witness interviews\n"
    "On Monday, 05/05/2025, at approximately 1000 hrs, I met with the witness, Ann Lee, at "
    "her home.\n"
    'Lee said she saw the fight from her porch. Lee said, "He swung first, I am sure of it."\n'
    "At 1300 hrs I spoke with Tom Orr by telephone. Orr said he left before the fight.\n"
)


def test_a_report_of_interviews_dates_them_on_the_day_its_narrative_gives() -> None:
    porch = _one(INTERVIEW_REPORT, "she saw the fight")
    assert (porch.setting, porch.recipient, porch.date) == (
        "police_interview",
        "Rosa Vint",
        "2025-05-05",
    )
    swung = _one(INTERVIEW_REPORT, "He swung first")
    assert (swung.setting, swung.date) == ("police_interview", "2025-05-05")
    call = _one(INTERVIEW_REPORT, "he left before")
    assert (call.speaker, call.setting, call.recipient, call.date) == (
        "Tom Orr",
        "phone_call",
        "Rosa Vint",
        "2025-05-05",
    )


# A department's public-affairs release: the office line, the date, a headline, a dateline;
# officials quoted with long titles and the office they lead.
AFFAIRS_RELEASE = (
    "Office of Public Affairs\n"
    "Tuesday, March 4, 2025\n"
    "Department Dismantles Counterfeit Pill Network\n\n"
    "WASHINGTON – The Department announced today the arrest of nine people charged with "
    "selling counterfeit pills across four states.\n\n"
    "“This network sold poison dressed up as medicine,” said Deputy Attorney General Ana "
    "Roe. “We will find the people who sell it.”\n\n"
    "“These arrests protect every family in the district,” said U.S. Attorney Ben K. Hale "
    "for the Western District of Halden.\n\n"
    "“Our agents worked for two years on this case,” said Assistant Attorney General Cy Moe "
    "of the Department’s Criminal Division.\n"
)


def test_a_public_affairs_release_quotes_officials_by_name_in_writing() -> None:
    for start, name in (
        ("This network sold", "Ana Roe"),
        ("We will find", "Ana Roe"),
        ("These arrests protect", "Ben K. Hale"),
        ("Our agents worked", "Cy Moe"),
    ):
        said = _one(AFFAIRS_RELEASE, start)
        assert (said.speaker, said.setting, said.date) == (
            name,
            "written_statement",
            "2025-03-04",
        )


SENTENCING_RELEASE = (
    "OFFICE OF THE DISTRICT ATTORNEY\n"
    "FOR IMMEDIATE RELEASE\n"
    "May 2, 2025\n\n"
    "ELMTON — Lee Ward was sentenced today for the robbery of a corner store on March 3, "
    "2024, after a trial before Superior Court Judge Iris Dole.\n\n"
    "In a recorded interview, Ward told Detective Ray Fenn of the Elmton Police Department "
    "that he “never held a gun” and that he only drove the car for a friend.\n\n"
    "At trial, Detective Fenn testified that Ward, when shown the store video later in the "
    "interview, said, “That could be anybody in that hoodie.”\n\n"
    "At today’s sentencing, the store’s owner, Mina Park, addressed the court. “I still "
    "lock the door when a customer walks in,” she said.\n"
)


def test_a_release_tells_whose_words_a_detective_recounts_and_who_heard_them() -> None:
    drove = _one(SENTENCING_RELEASE, "and that he only drove")
    assert (drove.speaker, drove.speech, drove.recipient) == ("Lee Ward", "reported", "Ray Fenn")
    hoodie = _one(SENTENCING_RELEASE, "That could be anybody")
    assert (hoodie.speaker, hoodie.setting) == ("Lee Ward", "police_interview")
    door = _one(SENTENCING_RELEASE, "I still lock the door")
    assert (door.speaker, door.setting, door.recipient) == ("Mina Park", "in_court", "the court")


# A department's statement that tells the night in order: radio traffic, a 911 call and a
# driver's words to officers are dated on the night; the chief's words on the release's date.
DEPARTMENT_ACCOUNT = (
    "ELM CITY POLICE DEPARTMENT\n"
    "Public Information Office\n"
    "Media Release 2025-07\n"
    "Wednesday, June 4, 2025\n\n"
    "STATEMENT ON THE CRASH ON MILL ROAD\n\n"
    "At about 10:15 p.m. on Monday, June 2, an officer tried to stop a blue sedan on Mill Road "
    "for speeding. The driver did not stop.\n\n"
    "At 10:18 p.m., Sergeant Ida Moss ended the chase, broadcasting: "
    '"All units, stand down, stand down."\n\n'
    "A neighbor who called 911 at 10:21 p.m. told the dispatcher that the car "
    '"hit the tree hard" and was smoking.\n\n'
    "While officers waited with him for the ambulance, the driver, Leo Fry, told them he "
    '"got scared" because he had no licence, and said, "I should have stopped."\n\n'
    '"We will review every minute of this," said Chief of Police Ana Wirth.\n\n'
    "Mayor Tom Bale said in a separate statement on Tuesday that the city would "
    '"wait for the review before saying anything more."\n'
)


def test_a_departments_account_dates_the_nights_words_on_the_night() -> None:
    radio = _one(DEPARTMENT_ACCOUNT, "All units, stand down")
    assert (radio.speaker, radio.date) == ("Ida Moss", "2025-06-02")
    call = _one(DEPARTMENT_ACCOUNT, "hit the tree hard")
    assert (call.speaker, call.setting, call.recipient, call.date) == (
        "neighbor",
        "phone_call",
        "the dispatcher",
        "2025-06-02",
    )
    scared = _one(DEPARTMENT_ACCOUNT, "I should have stopped")
    assert (scared.speaker, scared.setting, scared.recipient, scared.date) == (
        "Leo Fry",
        "police_encounter",
        "officers",
        "2025-06-02",
    )
    licence = _one(DEPARTMENT_ACCOUNT, "because he had no licence")
    assert (licence.speaker, licence.speech, licence.recipient) == (
        "Leo Fry",
        "reported",
        "officers",
    )
    chief = _one(DEPARTMENT_ACCOUNT, "We will review")
    assert (chief.setting, chief.date) == ("written_statement", "2025-06-04")
    mayor = _one(DEPARTMENT_ACCOUNT, "wait for the review")
    assert (mayor.speaker, mayor.setting, mayor.date) == (
        "Tom Bale",
        "written_statement",
        "2025-06-03",
    )


# A prosecutor's notice: items lettered A., B., C., each giving when, where and to whom.
NOTICE = (
    "OFFICE OF THE COUNTY PROSECUTOR\n"
    "June 2, 2025\n"
    "Re: State v. Ida Rusk, Indictment No. 25-0100\n"
    "Dear Counsel:\n"
    "The State gives notice of the following statements of your client, Ida Rusk.\n"
    "A. On May 1, 2025, at the counter of the Elm Pharmacy, when clerk Omar Tait asked her "
    "for identification, the defendant told him, in substance, that she had left her wallet "
    "in the car.\n"
    "B. On May 3, 2025, in the lobby of the police station, the defendant stated to Officer "
    'Lena Pratt of the Elm Police Department, in substance, that she had "found" the '
    "card on the floor and meant to hand it in.\n"
    "C. On the same date, in Interview Room 1, after waiving her rights in writing, the "
    "defendant was interviewed by Detective "
    "Hal Moyo. In substance, the defendant stated that she used the card four times.\n"
    'D. During the same interview, Detective Moyo asked, "Who gave you the card?" and the '
    'defendant answered, "Nobody. I found it."\n'
    "E. On May 9, 2025, in a recorded call from the jail to her brother, Ned Rusk, the "
    'defendant stated that the police "have the tapes" and asked him to call her lawyer.\n'
    "F. On April 30, 2025, the defendant sent a text message to Cole Baird that read: "
    '"card works, come by at 6."\n'
    "Very truly yours,\n"
    "Ava Lund\n"
    "Assistant County Prosecutor\n"
)


def test_a_notices_lettered_items_are_statements_with_their_own_day_and_listener() -> None:
    wallet = _one(NOTICE, "that she had left her wallet")
    assert (wallet.speaker, wallet.speech, wallet.recipient, wallet.date) == (
        "Ida Rusk",
        "reported",
        "Omar Tait",
        "2025-05-01",
    )
    card = _one(NOTICE, "the card on the floor")
    assert (card.speaker, card.recipient, card.setting) == (
        "Ida Rusk",
        "Lena Pratt",
        "police_encounter",
    )
    used = _one(NOTICE, "that she used the card")
    assert (used.setting, used.recipient, used.date) == (
        "police_interview",
        "Hal Moyo",
        "2025-05-03",
    )
    asked = _one(NOTICE, "Who gave you the card?")
    assert (asked.speaker, asked.recipient, asked.setting, asked.date) == (
        "Hal Moyo",
        "Ida Rusk",
        "police_interview",
        "2025-05-03",
    )
    nobody = _one(NOTICE, "Nobody. I found it.")
    assert (nobody.speaker, nobody.recipient, nobody.setting) == (
        "Ida Rusk",
        "Hal Moyo",
        "police_interview",
    )
    tapes = _one(NOTICE, "have the tapes")
    assert (tapes.speaker, tapes.setting, tapes.date) == ("Ida Rusk", "phone_call", "2025-05-09")
    text = _one(NOTICE, "card works")
    assert (text.speaker, text.recipient, text.date) == ("Ida Rusk", "Cole Baird", "2025-04-30")


def test_a_subject_before_a_quoted_verb_is_reported_and_a_call_today_is_dated() -> None:
    text = (
        "OFFICE OF THE UNITED STATES ATTORNEY\n"
        "FOR IMMEDIATE RELEASE\n"
        "Tuesday, March 3, 2026\n\n"
        "ELMTON – Two people were charged today with fraud, announced U.S. Attorney Ana Roe.\n\n"
        "Reached by telephone, the lawyer for one of them, Ivo Dell, said most of the "
        'counts "will not survive a first look" and that his client would plead not guilty.\n'
    )
    counts = _one(text, "most of the counts")
    assert (counts.speaker, counts.speech) == ("Ivo Dell", "reported")
    survive = _one(text, "will not survive")
    assert (survive.speaker, survive.setting, survive.date) == (
        "Ivo Dell",
        "phone_call",
        "2026-03-03",
    )


def test_a_defence_letter_recounts_the_incident_on_its_day() -> None:
    text = (
        "ROE & DOE LLP\n"
        "March 21, 2025\n"
        "Re: Ivo Dell - Preservation of Evidence\n"
        "Dear Mr. Vieira:\n"
        "This firm represents Ivo Dell in connection with the entry into his home by officers "
        "of the Elm Police Department on the evening of Saturday, March 15, 2025.\n"
        "His neighbor, Ada Holt, told our investigator on March 18 that she heard an officer "
        'say "kick it in" shortly after Mr. Dell opened the door.\n'
        "Mr. Dell has told us that no officer said why they were there, and that he asked, "
        '"What is this about?" before he was pulled outside.\n'
        "In a post on the department's Facebook page on Sunday, the department wrote that "
        'officers had responded to "a call about a man with a knife."\n'
        "Sincerely,\n"
        "Ann Roe\n"
    )
    heard = _one(text, "that she heard an officer")
    assert (heard.speaker, heard.recipient, heard.date) == (
        "Ada Holt",
        "our investigator",
        "2025-03-18",
    )
    assert _one(text, "shortly after Mr. Dell").speech == "reported"
    asked = _one(text, "What is this about?")
    assert (asked.speaker, asked.setting, asked.date) == (
        "Ivo Dell",
        "police_encounter",
        "2025-03-15",
    )
    assert _one(text, "before he was pulled outside").speaker == "Ivo Dell"
    post = _one(text, "a call about a man")
    assert (post.setting, post.date) == ("social_media", "2025-03-16")


def test_words_nested_in_a_clause_do_not_break_the_paragraphs_run() -> None:
    text = (
        "ELM COUNTY SHERIFF'S OFFICE\n"
        "MEDIA STATEMENT\n"
        "Friday, January 23, 2026\n\n"
        "The Sheriff's Office is reviewing the death of an inmate.\n\n"
        "His daughter, Ann Roe, told WTLM-TV that her father had called her from the jail and "
        'said, "Tell somebody." She said she called the jail twice that night.\n'
    )
    twice = _one(text, "she called the jail twice")
    assert (twice.speaker, twice.setting, twice.recipient) == ("Ann Roe", "interview", "WTLM-TV")


def test_the_night_of_the_shooting_is_the_day_the_text_gives_the_shooting() -> None:
    text = (
        "OFFICE OF THE DISTRICT ATTORNEY\n"
        "FOR IMMEDIATE RELEASE\n"
        "June 12, 2025\n\n"
        "ELMTON — Lee Ward was sentenced today for the shooting of a clerk outside a store on "
        "November 9, 2024.\n\n"
        "In a recorded interview the night of the shooting, Ward told Detective Ray Fenn that "
        'he "never meant to fire."\n'
    )
    fire = _one(text, "never meant to fire")
    assert (fire.speaker, fire.setting, fire.date) == ("Lee Ward", "police_interview", "2024-11-09")


def test_lettered_items_may_start_again_at_a_but_not_skip() -> None:
    two_lists = ["A. one", "B. two", "C. three", "text", "A. again", "B. more"]
    assert sorted(lettered_items(two_lists)) == [0, 1, 2, 4, 5]
    assert lettered_items(["A. one", "C. three", "D. four"]) == {}
    assert lettered_items(["Q. Where were you?", "A. At home."]) == {}


def test_a_report_without_a_narrative_date_dates_the_scene_on_the_incident_day() -> None:
    text = (
        "MADE UP\n"
        "ELM CITY POLICE DEPARTMENT - INCIDENT REPORT\n"
        "Report Date: 05/04/2025     Date of Incident: 05/02/2025\n"
        "Reporting Officer: Ofc. Mara Quill #12\n"
        "NARRATIVE\n"
        "I responded to 12 Oak Lane for a disturbance. I spoke with Ben Voss at the door.\n"
        'Voss stated, "Nobody here called you."\n'
    )
    nobody = _one(text, "Nobody here called you.")
    assert (nobody.setting, nobody.recipient, nobody.date) == (
        "police_encounter",
        "Mara Quill",
        "2025-05-02",
    )


def test_an_update_paragraph_dates_its_own_words() -> None:
    text = (
        "ELM CITY POLICE DEPARTMENT\n"
        "FOR IMMEDIATE RELEASE - Friday, September 12, 2025\n"
        "MEDIA STATEMENT\n"
        '"We are reviewing the video," Chief Ann Roe said.\n'
        "UPDATE (Tuesday, September 16, 2025): Chief Roe told reporters on Monday that the "
        'review was nearly done. "We will finish it right," she said in a statement.\n'
        "###\n"
    )
    assert _one(text, "We are reviewing").date == "2025-09-12"
    monday = _one(text, "that the review was nearly done")
    assert (monday.date, monday.setting) == ("2025-09-15", "press_conference")
    assert _one(text, "We will finish it right").date == "2025-09-16"


def test_a_release_line_dates_the_release_and_an_update_line_alone_dates_what_follows() -> None:
    text = (
        "ELM COUNTY SHERIFF'S OFFICE\n"
        "MEDIA RELEASE #26-0101\n"
        "Released: 04/06/2026 10:15 hrs\n"
        "Date/Time of Incident: Sunday 04/05/2026, approx. 2240 hrs\n"
        "NARRATIVE:\n"
        "On Sunday night a deputy stopped a car on Route 31.\n"
        '"Nobody was hurt," said Lt. Ann Roe, the public information officer.\n'
        "UPDATE - 04/07/2026 1630 hrs\n"
        'Sheriff Tom Vey said, "The review has begun."\n'
    )
    assert _one(text, "Nobody was hurt").date == "2026-04-06"
    assert _one(text, "The review has begun").date == "2026-04-07"


def test_an_update_dates_its_weekdays_by_itself_and_a_press_conference_goes_on() -> None:
    text = (
        "ELM COUNTY SHERIFF'S OFFICE\n"
        "MEDIA RELEASE\n"
        "Released: 04/06/2026 10:15 hrs\n"
        '"Nobody was hurt," said Lt. Ann Roe, the public information officer.\n'
        "UPDATE - 04/07/2026 1630 hrs\n"
        "At a press conference Tuesday afternoon, Sheriff Tom Vey addressed questions.\n"
        '"I have watched the video twice," the sheriff told reporters.\n'
        "Vey said he had asked for a review within 30 days.\n"
    )
    video = _one(text, "I have watched the video")
    assert (video.setting, video.date) == ("press_conference", "2026-04-07")
    review = _one(text, "he had asked for a review")
    assert (review.setting, review.date) == ("press_conference", "2026-04-07")
