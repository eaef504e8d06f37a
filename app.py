"""Entry point for `flask` and gunicorn (`gunicorn app:app`)."""
from harm import create_app

app = create_app()
