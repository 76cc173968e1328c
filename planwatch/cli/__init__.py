"""Serving on the command line: a thin layer over the library."""
