"""Reading the store back: facts, full-text search, and answers to questions."""
