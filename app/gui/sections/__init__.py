"""The pages of an open case: Overview and one list section per kind of record."""
