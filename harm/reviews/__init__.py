"""Joint case reviews: children first, then the parent, then the family as a whole."""
