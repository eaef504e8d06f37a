"""The fridge copy: the family's overdose response plan on one printed page, and as a PDF."""
