"""The bottom navigation bar, the "More" page and where each person lands after signing in."""
