"""Vietnamese text helpers shared by every stage."""
