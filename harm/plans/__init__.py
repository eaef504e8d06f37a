"""The family's safety plan: six sections, versioned saves, revision history."""
