"""The transcript reader: turns, speakers resolved from the examination and the
appearances, settings, dates and ``page:line`` pin cites, on small made-up transcripts."""

from __future__ import annotations

from app.core.intake import transcript
from app.core.intake.extract import extract
from app.core.intake.proposal import Proposal

HEARING = """\
               DISTRICT COURT OF THE STATE OF WESTMARK

 STATE OF WESTMARK,
        - v. -                          Case No. 99-CR-1
 LIONEL QUARTERMAIN,
                 Defendant.

 PRELIMINARY HEARING
 July 9, 2024

 BEFORE: HON. BEATRIX NWOSU-HALE, Judge

 APPEARANCES:
    For the State: DEPUTY DISTRICT ATTORNEY CASPAR ILLINGWORTH
    For the Defendant: FENELLA ODUMOSU, ESQ., Public Defender

                                                                      7

 1         THE COURT: Good afternoon. Call your witness.
 2         MR. ILLINGWORTH: The State calls Detective Ximena
 3   Rautio.
 4                       (Witness sworn.)
 5              DIRECT EXAMINATION BY MR. ILLINGWORTH:
 6   Q.   Detective, what is your assignment?
 7   A.   Robbery squad. I have been there four
 8   years.
 9   Q.   Did you speak with the defendant?
10         MS. ODUMOSU: Objection.
11         THE COURT: Overruled.
12   A.   I did. He said, "I was at work."
13         MR. ILLINGWORTH: Nothing further.
14                      CROSS-EXAMINATION
15                       BY MS. ODUMOSU:
16   Q.   You wrote no notes of that, did you?
17   A.   No.
18         THE DEFENDANT: That is not what I said.
19         THE COURT: Mr. Quartermain, let your lawyer
20   speak for you.
21                      (Recess.)
22   Q.   Detective, before the break you said you
23   took no notes?
24   A.   That's right. I relied on my
25   memory of the

                                                                      8

 1   conversation.
 2         THE WITNESS: May I add something?
"""


def _by_pin(proposals: list[Proposal]) -> dict[str, Proposal]:
    return {p.pin: p for p in proposals}


def test_each_turn_is_one_statement_with_its_pin_cite() -> None:
    found = _by_pin(transcript.read(HEARING))
    assert list(found) == [
        "7:1",
        "7:2-3",
        "7:6",
        "7:7-8",
        "7:9",
        "7:10",
        "7:11",
        "7:12",
        "7:13",
        "7:16",
        "7:17",
        "7:18",
        "7:19-20",
        "7:22-23",
        "7:24-8:1",
        "8:2",
    ]
    assert found["7:7-8"].text == "Robbery squad. I have been there four years."
    assert found["7:24-8:1"].text == "That's right. I relied on my memory of the conversation."


def test_procedural_lines_are_not_statements() -> None:
    words = " ".join(p.text for p in transcript.read(HEARING))
    for line in ("Witness sworn", "DIRECT EXAMINATION", "BY MS. ODUMOSU", "Recess"):
        assert line not in words


def test_questions_and_answers_go_to_the_examining_lawyer_and_the_witness() -> None:
    found = _by_pin(transcript.read(HEARING))
    question, answer = found["7:6"], found["7:7-8"]
    assert (question.speaker, question.recipient) == ("Caspar Illingworth", "Ximena Rautio")
    assert (answer.speaker, answer.recipient) == ("Ximena Rautio", "Caspar Illingworth")
    assert question.speaker_title == "Deputy District Attorney"
    assert answer.speaker_title == "Detective"
    assert "direct examination of Detective Ximena Rautio by Caspar Illingworth" in question.how
    # The cross-examination's lawyer comes from the BY line under the heading.
    assert found["7:16"].speaker == "Fenella Odumosu"
    assert found["7:17"].recipient == "Fenella Odumosu"
    # An objection inside the examination does not change who examines.
    assert found["7:12"].speaker == "Ximena Rautio"
    assert found["7:12"].recipient == "Caspar Illingworth"
    # After a recess the same examination goes on.
    assert found["7:22-23"].speaker == "Fenella Odumosu"


def test_labels_resolve_to_the_judge_counsel_defendant_and_witness() -> None:
    found = _by_pin(transcript.read(HEARING))
    assert found["7:1"].speaker == "Beatrix Nwosu-Hale"
    assert found["7:1"].speaker_title == "Judge"
    assert found["7:2-3"].speaker == "Caspar Illingworth"
    assert found["7:10"].speaker == "Fenella Odumosu"
    assert found["7:18"].speaker == "Lionel Quartermain"
    assert found["8:2"].speaker == "Ximena Rautio"
    assert found["7:10"].label == "MS. ODUMOSU"
    start, end = found["7:10"].speaker_start, found["7:10"].speaker_end
    assert HEARING[start:end] == "MS. ODUMOSU"


def test_settings_dates_and_speech() -> None:
    found = _by_pin(transcript.read(HEARING))
    assert found["7:7-8"].setting == "sworn_testimony"
    assert found["8:2"].setting == "sworn_testimony"
    for pin in ("7:1", "7:6", "7:10", "7:18"):
        assert found[pin].setting == "in_court"
    assert {p.date for p in found.values()} == {"2024-07-09"}
    assert {p.speech for p in found.values()} == {"verbatim"}
    assert {p.form for p in found.values()} == {"transcript"}


def test_offsets_cover_the_statement_words() -> None:
    for proposal in transcript.read(HEARING):
        first = proposal.text.split()[0]
        last = proposal.text.split()[-1]
        assert HEARING[proposal.start :].startswith(first)
        assert HEARING[: proposal.end].endswith(last)


DEPOSITION = """\
             SUPERIOR COURT OF LAKE VERNE
  ODALYS PRIMM v. HARBOR TRANSIT AUTHORITY

       DEPOSITION OF INSPECTOR TOMAS VELLACOTT
       Taken on behalf of the Plaintiff
       February 3, 2026

  APPEARANCES:
  For the Plaintiff: GWENDOLYN ASARE, ESQ.
  For the Defendant: LEOPOLD KRISTIANSEN, ESQ.
  Also present: Ruth Delacroix-Ng, videographer

                                                  Page 12

 1         THE VIDEOGRAPHER: We are on the record.
 2   Q.   Inspector, what did the driver tell you?
 3   A.   That the brakes felt soft.
 4         MR. KRISTIANSEN: Objection, hearsay.
 5         MS. ASARE: Noted.
 6   Q.   Did you write that down?
 7   A.   Yes.
"""


def test_a_deposition_has_no_court_setting_and_infers_the_noticing_lawyer() -> None:
    found = _by_pin(transcript.read(DEPOSITION))
    assert found["12:1"].speaker == "Ruth Delacroix-Ng"
    assert found["12:2"].speaker == "Gwendolyn Asare"  # the deposition is taken on her behalf
    assert found["12:2"].recipient == "Tomas Vellacott"
    assert found["12:3"].speaker == "Tomas Vellacott"
    assert found["12:3"].speaker_title == "Inspector"
    assert found["12:4"].speaker == "Leopold Kristiansen"
    assert found["12:3"].setting == "sworn_testimony"
    for pin in ("12:1", "12:2", "12:4", "12:5"):
        assert found[pin].setting == ""
    assert found["12:2"].date == "2026-02-03"


UNNAMED = """\
                                                                      3

 1         THE COURT: Be seated.
 2         MR. FAIRWEATHER: Thank you.
 3         COURT OFFICER: All rise.
 4   Q.   Where were you?
 5   A.   Home.
 6         THE COURT: Thank you.
"""


def test_labels_without_names_stay_as_written() -> None:
    found = _by_pin(transcript.read(UNNAMED))
    assert found["3:1"].speaker == "THE COURT"
    assert found["3:1"].speaker_kind == "label"
    assert found["3:2"].speaker == "MR. FAIRWEATHER"
    assert found["3:3"].speaker == "COURT OFFICER"
    assert found["3:4"].speaker == "Q"
    assert found["3:5"].speaker == "A"


SWORN_ON_THE_RECORD = """\
  STATE v. ROWENA BLACKTHORN -- No. 5
  Before the Honorable Ignatius Farrow-Pike, Judge
  For the State: Delphine Acheampong, Assistant County Attorney
  For the Defendant: Marius Lindgren, Assistant Public Defender

                                                                      101
          STATE v. BLACKTHORN -- May 5, 2025

 1         MS. ACHEAMPONG: The State calls Sergeant Petra
 2   Okonkwo-Reyes.
 3                      PETRA OKONKWO-REYES,
 4        having been duly sworn, testified as follows:
 5                      DIRECT EXAMINATION
 6                      BY MS. ACHEAMPONG:
 7   Q.   Good morning.
 8   A.   Good morning.
 9         THE COURT: Cross?
10         MR. LINDGREN: Briefly.
11                      CROSS-EXAMINATION
12   Q.   Sergeant, you arrived late?
13   A.   Yes.
"""


def test_the_witness_sworn_on_the_record_and_a_cross_without_a_by_line() -> None:
    found = _by_pin(transcript.read(SWORN_ON_THE_RECORD))
    assert found["101:7"].speaker == "Delphine Acheampong"
    assert found["101:8"].speaker == "Petra Okonkwo-Reyes"
    assert found["101:8"].speaker_title == "Sergeant"
    assert found["101:9"].speaker == "Ignatius Farrow-Pike"
    # No BY line: the cross is the other side's lawyer.
    assert found["101:12"].speaker == "Marius Lindgren"
    assert found["101:13"].recipient == "Marius Lindgren"
    # The page header's date.
    assert found["101:7"].date == "2025-05-05"
    assert "PETRA" not in " ".join(p.text for p in found.values())


FOOTED = """\
 1         THE COURT: Good morning.
 2   Q.   Please state your name.
 3   A.   Orla Vance.
                                   Page 44
 1   Q.   Where do you live?
 2   A.   In town.
                                   Page 45
"""


def test_page_numbers_printed_at_the_foot_of_the_page() -> None:
    assert list(_by_pin(transcript.read(FOOTED))) == ["44:1", "44:2", "44:3", "45:1", "45:2"]


STRIPPED = """\
Page 3
1 THE COURT: We will begin.
2 Q. What happened next?
3 A. He ran.
4
5 Q. Which way?
6 A. North, toward the river,
7 past the mill.
4
1 THE COURT: Noted.
"""


def test_text_that_lost_its_indentation_keeps_its_pages_and_lines() -> None:
    found = _by_pin(transcript.read(STRIPPED))
    assert list(found) == ["3:1", "3:2", "3:3", "3:5", "3:6-7", "4:1"]


def test_looks_like_says_yes_to_transcripts_and_no_to_other_forms() -> None:
    assert transcript.looks_like(HEARING)
    assert transcript.looks_like(DEPOSITION)
    assert not transcript.looks_like(
        "[00:00:31] OFFICER 1: License, please.\n[00:00:36] SPEAKER 1: Here.\n" * 5
    )
    assert not transcript.looks_like(
        "The witness testified that she saw him. Q. was not asked. " * 20
    )


def test_extract_hands_transcripts_to_this_reader() -> None:
    proposals = extract(HEARING)
    assert proposals and {p.form for p in proposals} == {"transcript"}


def test_progress_hears_the_reading_and_can_stop_it() -> None:
    heard: list[tuple[int, int]] = []
    transcript.read(HEARING, lambda done, total: heard.append((done, total)))
    assert heard and heard[-1][0] == heard[-1][1]

    class Stop(Exception):
        pass

    def stop(done: int, total: int) -> None:
        raise Stop

    try:
        transcript.read(HEARING, stop)
    except Stop:
        pass
    else:  # pragma: no cover - the reader must let the caller stop it
        raise AssertionError("progress could not stop the reading")


GRAND_JURY = """\
                 GRAND JURY OF THE COUNTY OF EASTMOOR
                     THE PEOPLE OF THE STATE OF WESTMARK
                              -against-
                           HUGO BRANDVIK,
                                        Defendant.
                         October 2, 2024

 PRESENT:  CORDELIA WYNNE-ASHBY, ESQ., Assistant District Attorney
           PERCIVAL OATES, Grand Jury Stenographer

                                                                      2

 1         MS. WYNNE-ASHBY: Good morning. The People call
 2   Detective Saoirse Lindqvist-Obi.
 3   D E T E C T I V E  S A O I R S E  L I N D Q V I S T - O B I,
 4   having been first duly sworn by the Foreperson, was examined and
 5   testified as follows:
 6   EXAMINATION BY MS. WYNNE-ASHBY:
 7   Q.   Detective, where are you assigned?
 8   A.   The burglary squad.
 9         A GRAND JUROR: Was anyone home?
10         THE WITNESS: No.
11         THE FOREPERSON: Thank you.
12   Q    Anything else?
13   A    No.
14                   (Whereupon, the witness, MAEVE TORRANCE, was duly sworn.)
15   EXAMINATION BY MS. WYNNE-ASHBY:
16   Q.   Ms. Torrance, where do you live?
17   A.   Next door.
18                   (The witness was reminded she is still sworn.)
19   A.   Since May.
"""


def test_grand_jury_minutes_with_present_counsel_jurors_and_two_witnesses() -> None:
    found = _by_pin(transcript.read(GRAND_JURY))
    assert found["2:7"].speaker == "Cordelia Wynne-Ashby"  # named under PRESENT, no side given
    assert found["2:8"].speaker == "Saoirse Lindqvist-Obi"  # named when sworn, letter-spaced
    assert found["2:8"].speaker_title == "Detective"
    assert found["2:9"].speaker == "A GRAND JUROR"
    assert found["2:9"].recipient == "Saoirse Lindqvist-Obi"
    assert (found["2:10"].speaker, found["2:10"].recipient) == (
        "Saoirse Lindqvist-Obi",
        "A GRAND JUROR",
    )
    assert found["2:11"].speaker == "THE FOREPERSON"
    assert found["2:12"].speaker == "Cordelia Wynne-Ashby"  # "Q" without a period
    assert found["2:13"].speaker == "Saoirse Lindqvist-Obi"
    assert found["2:16"].recipient == "Maeve Torrance"  # named in the swearing-in note
    assert found["2:17"].speaker == "Maeve Torrance"
    assert found["2:19"].speaker == "Maeve Torrance"  # still sworn: still on the stand
    assert found["2:8"].setting == "sworn_testimony" and found["2:7"].setting == "in_court"


INDEXED = """\
  PEOPLE v. ANSELM GRAY
  BEFORE: HON. MIRA TALLIS, Judge
  APPEARANCES:
  For the People: JOHN ASTOR, Assistant District Attorney
  For the Defendant: NELL PRADO, ESQ.
                              I N D E X
  WITNESSES FOR THE PEOPLE          DIRECT     CROSS
  DETECTIVE MARA QUILL ..........      4         12

                                                                      4

 1         MR. ASTOR: The People call Detective Quill.
 2                      (Witness sworn.)
 3         THE COURT: Proceed.
 4   Q.   Good morning.
 5   A.   Good morning.
"""


def test_a_witness_called_by_surname_is_named_from_the_index() -> None:
    found = _by_pin(transcript.read(INDEXED))
    assert found["4:5"].speaker == "Mara Quill"
    assert found["4:5"].speaker_title == "Detective"
    # No examination heading: the lawyer who called the witness asks.
    assert found["4:4"].speaker == "John Astor"
    assert found["4:1"].speaker == "John Astor"
    assert found["4:3"].speaker == "Mira Tallis"


FEDERAL = """\
  UNITED STATES v. ORSOLYA FENWICK
  BEFORE THE HONORABLE TEODOR VASK, DISTRICT JUDGE
  APPEARANCES:
  For the Government: AUSA BRIGID MACALISTER
  For the Defendant: SILAS ACHTERBERG, ESQ.

                                                                      88

 1         MS. MACALISTER: Call Agent Dunmore.
 2                 HALVARD DUNMORE, GOVERNMENT'S WITNESS, SWORN
 3                      DIRECT EXAMINATION
 4   Q.   (BY MS. MACALISTER) Where do you work?
 5   A.   The field office.
 6         THE COURT: Mr. Achterberg?
 7         MR. ACHTERBERG: Thank you, Judge.
 8                 CROSS-EXAMINATION OF HALVARD DUNMORE
 9   Q.   Agent, you wrote no report?
10   A.   Correct.
"""


def test_federal_forms_of_swearing_in_and_examining() -> None:
    found = _by_pin(transcript.read(FEDERAL))
    assert found["88:4"].speaker == "Brigid Macalister"  # named inside the question
    assert found["88:4"].text == "Where do you work?"
    assert found["88:5"].speaker == "Halvard Dunmore"
    assert found["88:5"].speaker_title == "Agent"  # from the call to the stand
    assert found["88:6"].speaker == "Teodor Vask"
    assert found["88:9"].speaker == "Silas Achterberg"
    assert found["88:10"].recipient == "Silas Achterberg"


NO_HEADINGS = """\
  STATE v. CORMAC ELLERY
  BEFORE: HON. ADA PELLINGER, Judge
  For the State: RUFUS TANAKA-BELL, Deputy District Attorney
  For the Defendant: IMELDA SZABO, ESQ.

                                                                      12

 1         MR. TANAKA-BELL: The State calls Officer Lars Quennell.
 2   Q.   Officer, where do you work?
 3   A.   Third Precinct.
 4         MR. TANAKA-BELL: Nothing further.
 5                      (Witness excused.)
 6                      (Witness sworn.)
 7         MS. SZABO: Thank you, Judge.
 8   Q.   Please state your name.
 9   A.   Winifred Osei-Banda.
10   Q.   Where were you that night?
11   A.   At home.
"""


def test_witnesses_examined_without_headings() -> None:
    found = _by_pin(transcript.read(NO_HEADINGS))
    assert (found["12:2"].speaker, found["12:2"].recipient) == (
        "Rufus Tanaka-Bell",
        "Lars Quennell",
    )
    assert found["12:3"].speaker == "Lars Quennell"
    # An unnamed witness sworn, examined by the lawyer who spoke, names herself.
    assert found["12:8"].speaker == "Imelda Szabo"
    assert found["12:9"].speaker == "Winifred Osei-Banda"
    assert (found["12:11"].speaker, found["12:11"].recipient) == (
        "Winifred Osei-Banda",
        "Imelda Szabo",
    )
    assert found["12:10"].recipient == "Winifred Osei-Banda"
