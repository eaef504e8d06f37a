"""The post_button macro (templates/_post_button.html): one button that POSTs, as the pages wrote it by hand."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

from flask import Flask, render_template_string
from flask.testing import FlaskClient
from flask_wtf.csrf import generate_csrf, validate_csrf

from tests.conftest import sign_in

IMPORT = '{% from "_post_button.html" import post_button %}'


class Tags(HTMLParser):
    """Every start tag and its attributes, in order, and the text between them."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        if data.strip():
            self.text.append(data.strip())


def render(app: Flask, call: str, **context: Any) -> tuple[str, str]:
    """The macro's HTML, and the CSRF token of the same request."""
    with app.test_request_context("/"):
        html = render_template_string(IMPORT + "{{ " + call + " }}", **context)
        token = generate_csrf()
        validate_csrf(token)
        return html, token


def tags_of(html: str) -> Tags:
    parser = Tags()
    parser.feed(html)
    return parser


def test_renders_the_same_markup_the_pages_wrote_by_hand(app):
    html, token = render(app, 'post_button("/r/1/delete", "Delete", class_="link", form_class="inline")')
    compact = re.sub(r">\s+<", "><", html.strip())
    assert compact == ('<form method="post" action="/r/1/delete" class="inline">'
                       f'<input type="hidden" name="csrf_token" value="{token}">'
                       '<button type="submit" class="link">Delete</button></form>')


def test_without_classes_there_is_no_class_attribute(app):
    html, token = render(app, 'post_button("/codes", "Make my recovery codes")')
    form, csrf, button = tags_of(html).tags
    assert form == ("form", {"method": "post", "action": "/codes"})
    assert csrf == ("input", {"type": "hidden", "name": "csrf_token", "value": token})
    assert button == ("button", {"type": "submit"})


def test_escapes_the_label_and_the_action(app):
    html, _token = render(app, "post_button(action, label)", action="/x?a=1&b=<2>", label='<script>"hi"</script>')
    assert "<script>" not in html
    assert "&lt;script&gt;&#34;hi&#34;&lt;/script&gt;" in html
    parsed = tags_of(html)
    assert [tag for tag, _attrs in parsed.tags] == ["form", "input", "button"]
    assert parsed.tags[0][1]["action"] == "/x?a=1&b=<2>"
    assert parsed.text == ['<script>"hi"</script>']


def test_a_translated_label_keeps_its_escaped_name(app):
    call = 'post_button("/m/1/remove", _("Remove %(name)s", name=who), class_="danger")'
    html, _token = render(app, call, who="<Sam>")
    assert "Remove &lt;Sam&gt;</button>" in html


def test_passes_hidden_fields_in_order_and_escapes_their_values(app):
    html, token = render(app, 'post_button("/go", "Go", hidden={"next": "/a?b=1&c=2", "step": 3, "note": note})',
                         note='"><b>')
    inputs = [attrs for tag, attrs in tags_of(html).tags if tag == "input"]
    assert inputs == [
        {"type": "hidden", "name": "csrf_token", "value": token},
        {"type": "hidden", "name": "next", "value": "/a?b=1&c=2"},
        {"type": "hidden", "name": "step", "value": "3"},
        {"type": "hidden", "name": "note", "value": '"><b>'},
    ]
    assert "<b>" not in html


def test_other_keywords_become_button_attributes(app):
    html, _token = render(app, 'post_button("/off", "Turn off", class_="danger", aria_label=aria, data_confirm="Sure?",'
                               ' data_offline_queue=true, title=none, disabled=false)', aria='Turn off "Sam"')
    button = dict(tags_of(html).tags)["button"]
    assert button == {"type": "submit", "class": "danger", "aria-label": 'Turn off "Sam"', "data-confirm": "Sure?",
                      "data-offline-queue": None}
    assert 'aria-label="Turn off &#34;Sam&#34;"' in html


def test_the_csrf_field_it_writes_is_the_one_the_server_checks(app, household):
    signed_in = sign_in(app.test_client(), household.people["parent"])
    browser = FlaskClient(app, app.response_class, use_cookies=True)  # sends only what the form holds
    browser.set_cookie("fp_session", signed_in.get_cookie("fp_session").value)
    page = browser.get("/account")
    form = re.search(r'<form method="post" action="(/account/recovery-codes)">\s*'
                     r'<input type="hidden" name="csrf_token" value="([^"]+)">', page.text)
    assert form is not None
    assert browser.post(form[1], data={"csrf_token": "forged"}).status_code == 400
    made = browser.post(form[1], data={"csrf_token": form[2]})
    assert made.status_code == 200 and "recovery code" in made.text.lower()
