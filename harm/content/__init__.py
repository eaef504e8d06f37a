"""Public pages: home, the overdose guide, who can see what."""
