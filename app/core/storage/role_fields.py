"""The fields a criminal case needs by role: officer, client, witness.

Each field lives where it stays true. What identifies a person for life belongs to the
**person** (``people``), shared by every case they are part of; what holds for one case,
or held at the time of it, belongs to the **party** (``parties``, a person's part in one
case).

Person (identity across cases):

* ``nysid`` - the New York State identification number, given at a person's first
  fingerprinted arrest and kept for life (8 digits and a check letter, ``12345678K``).
* ``tax_id`` - an officer's tax registry number: it follows the officer through every
  promotion and transfer, so it is how two cases' officers are told apart.
* ``language`` and ``needs_interpreter`` - the language a person speaks and whether
  they need an interpreter: true of the person, whatever the case.
* The date of birth and the contact details (phone, email, address) were already
  the person's (``date_of_birth``, ``phone``, ``email``, ``address``); a client's date
  of birth and a witness's contact use them and are not repeated here.

Party (this case, at the time):

* ``shield_number`` and ``command`` - an officer's shield and precinct or unit as the
  case's paperwork gives them. Both change over a career (a promotion brings a new
  shield, a transfer a new command); the ones at the time of the arrest are those the
  case needs.
* ``custody_status`` (a code of :data:`app.core.vocab.CUSTODY_STATUSES`) and
  ``custody_note`` (bail amounts, the facility) - the client's custody in this case.
  The case's own ``custody`` (in or out) stays what the speedy-trial clock and the
  deadline rules read; this is the detail staff record at intake.
* ``subpoenaed`` and ``subpoena_served_on`` - whether this case subpoenaed the witness,
  and the day it was served.

The columns are mixins of :class:`~app.core.storage.models.Person` and
:class:`~app.core.storage.models.Party`, so the models stay one readable module;
migration 0007 adds them.
"""

from __future__ import annotations

from sqlalchemy import Boolean, String
from sqlalchemy.orm import Mapped, mapped_column

from app.core.dates import PartialDate
from app.core.storage.column_types import PartialDateType


class PersonRoleFields:
    """A person's identity numbers and language, the same in every case."""

    nysid: Mapped[str] = mapped_column(String(20), default="")
    tax_id: Mapped[str] = mapped_column(String(20), default="")
    language: Mapped[str] = mapped_column(String(100), default="")
    needs_interpreter: Mapped[bool] = mapped_column(Boolean, default=False)


class PartyRoleFields:
    """What holds for one case: the officer's shield and command at the time, the
    client's custody, the witness's subpoena."""

    shield_number: Mapped[str] = mapped_column(String(20), default="")
    command: Mapped[str] = mapped_column(String(300), default="")
    custody_status: Mapped[str | None] = mapped_column(String(20))  # vocab.CUSTODY_STATUSES
    custody_note: Mapped[str] = mapped_column(String(300), default="")
    subpoenaed: Mapped[bool] = mapped_column(Boolean, default=False)
    subpoena_served_on: Mapped[PartialDate | None] = mapped_column(PartialDateType)
