"""Every feature of the app in one list: its pages, its API, its commands, and what it hooks in at start-up."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import Blueprint, Flask

import harm.db_events  # noqa: F401  (SQLite pragmas)
from harm import who_can_see
from harm.accounts import api as accounts_api
from harm.accounts import views as accounts_views
from harm.agencies import views as agencies_views
from harm.agencies.cli import agencies_cli
from harm.audit import api as audit_api
from harm.audit import recovery_log
from harm.audit import views as audit_views
from harm.audit.cli import audit_cli
from harm.backup.cli import backup_command, restore_command
from harm.caseload import api as caseload_api
from harm.caseload import views as caseload_views
from harm.checkins import api as checkins_api
from harm.checkins import views as checkins_views
from harm.cli import demo_cli
from harm.consent import api as consent_api
from harm.consent import views as consent_views
from harm.content import views as content_views
from harm.discreet import views as discreet_views
from harm.emergency import views as emergency_views
from harm.export import api as export_api
from harm.export import views as export_views
from harm.extensions import api
from harm.families import api as families_api
from harm.families import views as families_views
from harm.fridge import views as fridge_views
from harm.languages import views as languages_views
from harm.lock import views as lock_views
from harm.milestones import api as milestones_api
from harm.milestones import views as milestones_views
from harm.navigation import views as navigation_views
from harm.plans import api as plans_api
from harm.plans import service as plans_service
from harm.plans import views as plans_views
from harm.pwa import views as pwa_views
from harm.referrals import api as referrals_api
from harm.referrals import views as referrals_views
from harm.reminders import api as reminders_api
from harm.reminders import service as reminders_service
from harm.reminders import views as reminders_views
from harm.reminders.cli import reminders_cli
from harm.reports import api as reports_api
from harm.reports import views as reports_views
from harm.reviews import api as reviews_api
from harm.reviews import views as reviews_views
from harm.sharing import views as sharing_views
from harm.vault import api as vault_api
from harm.vault import views as vault_views
from harm.vault.cli import vault_cli
from harm.vault.keys import template_helpers


@dataclass(frozen=True)
class Feature:
    pages: tuple[Blueprint, ...] = ()
    api: tuple[Any, ...] = ()  # flask_smorest.Blueprint
    commands: tuple[Any, ...] = ()  # click commands and groups
    init_app: tuple[Callable[[Flask], None], ...] = ()


def _parts_of_public_pages(app: Flask) -> None:
    content_views.page_parts["home"]["families"] = families_views.home_page_part
    content_views.page_parts["home"]["work"] = navigation_views.home_page_part
    content_views.page_parts["who-can-see"]["facts"] = lambda: {"facts": who_can_see.page_facts()}


def _vault_template_helpers(app: Flask) -> None:
    app.jinja_env.globals.update(template_helpers())


FEATURES: dict[str, Feature] = {
    "accounts": Feature(pages=(accounts_views.bp,), api=(accounts_api.blp,)),
    "families": Feature(pages=(families_views.bp,), api=(families_api.blp,), init_app=(_parts_of_public_pages,)),
    "plans": Feature(pages=(plans_views.bp,), api=(plans_api.blp,), init_app=(plans_service.init_app,)),
    "milestones": Feature(pages=(milestones_views.bp,), api=(milestones_api.blp,)),
    "content": Feature(pages=(content_views.bp,)),
    "demo": Feature(commands=(demo_cli,)),
    "backup": Feature(commands=(backup_command, restore_command)),
    "languages": Feature(pages=(languages_views.bp,)),
    "pwa": Feature(pages=(pwa_views.bp,)),
    "reminders": Feature(pages=(reminders_views.bp,), api=(reminders_api.blp,), commands=(reminders_cli,),
                         init_app=(reminders_service.init_app,)),
    "vault": Feature(pages=(vault_views.bp,), api=(vault_api.blp,), commands=(vault_cli,),
                     init_app=(_vault_template_helpers,)),
    "consent": Feature(pages=(consent_views.bp,), api=(consent_api.blp,), init_app=(consent_views.init_app,)),
    "audit": Feature(pages=(audit_views.bp,), api=(audit_api.blp,), commands=(audit_cli,),
                     init_app=(recovery_log.init_app,)),
    "export": Feature(pages=(export_views.bp,), api=(export_api.blp,)),
    "agencies": Feature(pages=(agencies_views.bp,), commands=(agencies_cli,)),
    "caseload": Feature(pages=(caseload_views.bp,), api=(caseload_api.blp,)),
    "checkins": Feature(pages=(checkins_views.bp,), api=(checkins_api.blp,)),
    "reviews": Feature(pages=(reviews_views.bp,), api=(reviews_api.blp,)),
    "reports": Feature(pages=(reports_views.bp,), api=(reports_api.blp,)),
    "referrals": Feature(pages=(referrals_views.bp,), api=(referrals_api.blp,), init_app=(referrals_views.init_app,)),
    "emergency": Feature(pages=(emergency_views.bp,)),
    "discreet": Feature(pages=(discreet_views.bp,), init_app=(discreet_views.init_app,)),
    "fridge": Feature(pages=(fridge_views.bp,)),
    "sharing": Feature(pages=(sharing_views.bp,)),
    "lock": Feature(pages=(lock_views.bp,), init_app=(lock_views.init_app,)),
    "navigation": Feature(pages=(navigation_views.bp,), init_app=(navigation_views.init_app,)),
}


def register_features(app: Flask) -> None:
    """Register every feature's pages, API, commands and start-up hooks on the app."""
    for feature in FEATURES.values():
        for pages in feature.pages:
            app.register_blueprint(pages)
        for operations in feature.api:
            api.register_blueprint(operations)
        for command in feature.commands:
            app.cli.add_command(command)
        for init_app in feature.init_app:
            init_app(app)
