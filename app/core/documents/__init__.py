"""Files becoming documents: what a dropped or chosen file probably is (guess, clues,
readers) and attaching several files in one unit of work (attach)."""
