"""Rate limits shared across routes, so guessing through the page and the API counts once."""
from flask import Response

from harm.extensions import limiter

TRIES = "10 per minute; 60 per hour"


def failed(response: Response) -> bool:
    """Only failed tries count: workers in one office share an address, and each signs in daily."""
    return response.status_code >= 400


# Signing in: passkey answers, one-time codes and recovery codes, on pages and API alike.
sign_in_tries = limiter.shared_limit(TRIES, scope="sign-in", methods=["POST"], deduct_when=failed)
# Joining a family with an invitation code.
join_tries = limiter.shared_limit(TRIES, scope="join", methods=["POST"], deduct_when=failed)
# Making codes (invitations, new sign-in codes) for others.
code_making = limiter.shared_limit("30 per hour", scope="code-making", methods=["POST"])
# Exports of a family's data (issues 3 and 5 decorate their export views with this).
exports = limiter.shared_limit("10 per hour", scope="export")
