"""Backups of the embedded SQLite database: `flask backup PATH` and `flask restore PATH`."""
