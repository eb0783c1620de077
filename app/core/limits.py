"""The documented limits on what Casefile accepts, in one place.

Input from outside (a form, the command line, a case archive, an attached file) is
refused past these, with a message naming the limit, instead of exhausting memory or
failing deep inside the database. docs/archive-format.md ("Limits") lists them; a
change here is a change there.
"""

from __future__ import annotations

MIB = 1024 * 1024
GIB = 1024 * MIB

# One text field of a record (a statement's words, a note): a million characters is
# a 400-page transcript; longer is a mistake or an attack.
MAX_FIELD_CHARS = 1_000_000

# Whole numbers a record keeps (a charge's count) fit the smallest integer column
# of every backend (PostgreSQL INTEGER). So do record ids: every table's id is an
# INTEGER, 32-bit on PostgreSQL, so a larger id typed or read is no record at all
# (looking it up would fail inside the database instead of finding nothing).
MAX_SMALL_INT = 2**31 - 1
MAX_RECORD_ID = 2**31 - 1
# An attached file's size in bytes (a BIGINT column: body-camera video passes 2 GiB).
MAX_FILE_BYTES = 2**63 - 1

# A case archive: case.json is parsed in memory, so it has a ceiling of its own.
MAX_CASE_JSON_BYTES = 200 * MIB
MAX_ARCHIVE_BYTES = 4 * GIB  # all entries, uncompressed
MAX_ARCHIVE_ENTRIES = 100_000
MAX_JSON_NUMBER_CHARS = 100  # digits of one number in case.json
# Blank space in case.json: Casefile's own is about 20% blank, JSON indented eight
# spaces a level about 75%. Past its first 16 MB, a case.json more than 95% blank
# space is refused as it is read (else it takes its size in memory for nothing).
CASE_JSON_BLANK_CHECK_FROM = 16 * MIB
MAX_CASE_JSON_BLANK_PERCENT = 95
# The audit trail an archive carries (``history``): its note and each text in a changed
# value are fields like any other (MAX_FIELD_CHARS). The changes of one entry together
# hold at most what one edit of the record with the most long texts does (a person's
# address, notes and an alias, old and new of each) and room for the rest; and a case
# carries at most a million entries.
MAX_HISTORY_CHANGE_CHARS = 8 * MAX_FIELD_CHARS
MAX_HISTORY_ENTRIES = 1_000_000

# Text extraction of one attached file: how much of a Word file's XML is read, and
# how much of any file's text is kept for search.
MAX_EXTRACT_XML_BYTES = 64 * MIB
MAX_EXTRACTED_CHARS = 2_000_000

# The command line: hits per kind a search prints, the size of a made-up case, and
# of the text ``casefile extract`` reads quotations from (a long transcript is 5 MB).
MAX_INTAKE_TEXT_BYTES = 20 * MIB
MAX_SEARCH_HITS = 10_000
MAX_DEMO_RECORDS = 1_000_000

# One value in a printed table cell (the conflict check's record): a table row cannot
# break across pages, so longer text is cut there, with a note saying so.
MAX_CELL_CHARS = 500
