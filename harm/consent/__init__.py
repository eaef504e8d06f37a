"""Consent to share use details (42 CFR 2.31): versioned, signed with a passkey, revocable."""
