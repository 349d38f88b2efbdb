"""A fictional corpus of de-identified SAR summaries, slips planted in them, and the measurement of the
de-identification check's recall per slip class and its false positives (see tests/deid/measure.py)."""
