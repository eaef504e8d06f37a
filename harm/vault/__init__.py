"""Use details (tier 3): kept only for the parent, or shared under a consent; encrypted at rest."""
