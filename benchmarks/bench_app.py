"""The real app plus a bare "hello" route, for benchmarks only (never part of the product).

gunicorn serves it as `benchmarks.bench_app:app`; the hello route is the yardstick every other
route's throughput is divided by.
"""
from __future__ import annotations

from harm import create_app
from harm.security import public


@public
def hello() -> str:
    return "hello"


app = create_app()
app.add_url_rule("/bench/hello", endpoint="bench_hello", view_func=hello)
