"""Share links: chosen parts of the plan, read-only, for a backup caregiver with no account."""
