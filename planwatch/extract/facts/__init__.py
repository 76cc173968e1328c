"""Facts: every number a paragraph states about an indicator (`extract_facts`), read in modules by what they
decide: the chain a paragraph carries, the period, the measure and the label of each figure."""

from planwatch.extract.facts.chain import Fact
from planwatch.extract.facts.reader import extract_facts

__all__ = ["Fact", "extract_facts"]
