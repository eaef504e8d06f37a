"""The idle lock: after the time the parent chose, the app opens again only with their passkey."""
