"""The vocabulary every step shares: periods, Vietnamese numbers, units, measures and the indicator catalogue."""
