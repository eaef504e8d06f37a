"""The kinds of use details, in plain words."""
from flask_babel import lazy_gettext as _l

SUBSTANCES = "substances"
HOW_OFTEN = "how_often"
RETURN_TO_USE = "return_to_use"
DRUG_TESTS = "drug_tests"
TREATMENT = "treatment"
MOUD = "moud"

CATEGORIES = {
    SUBSTANCES: _l("Substances"),
    HOW_OFTEN: _l("How and how often"),
    RETURN_TO_USE: _l("Return to use"),
    DRUG_TESTS: _l("Drug test results"),
    TREATMENT: _l("Treatment visits"),
    MOUD: _l("Medicine for opioid use disorder"),
}

PART2_NOTICE = _l("42 CFR part 2 prohibits unauthorized use or disclosure of these records.")
