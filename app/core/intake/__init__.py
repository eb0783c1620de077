"""Intake: the conflict check, and statements proposed from a pasted or opened text.

Qt-free. ``conflicts`` looks a person up across the office's cases, ``extract``
proposes the quotations in a text and who said them, ``apply`` writes accepted
proposals in one unit of work, ``report`` prints a conflict-check record (PDF).
"""
