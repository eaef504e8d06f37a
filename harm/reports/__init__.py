"""De-identified outcome reports for an agency, with small counts suppressed."""
