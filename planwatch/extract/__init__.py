"""Turning document text into facts: numbers, units, periods and the report grammar."""
