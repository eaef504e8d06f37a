"""The language switcher and the account's language choice."""
