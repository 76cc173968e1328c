"""Reporting: the draft report (.docx) and its annexes (.xlsx) built from the store, every figure with its source."""
