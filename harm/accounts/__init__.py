"""Accounts: passkeys, one-time sign-in codes, recovery codes, sessions."""
