"""One dialog per kind of record, on the shared base in ``base.py``."""
