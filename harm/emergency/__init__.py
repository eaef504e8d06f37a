"""The emergency button: overdose steps one screen at a time, with the family's own naloxone and contacts."""
