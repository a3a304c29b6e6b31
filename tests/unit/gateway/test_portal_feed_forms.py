"""The feed page's filters and the subscription form, turned into the API's queries and bodies and back."""

from __future__ import annotations

from werkzeug.datastructures import MultiDict

from lowe_gateway.portal.feed_forms import (
    back_to_feed,
    feed_query,
    feed_url,
    field_errors,
    interest_body,
    interest_values,
    subscription_body,
    subscription_form_errors,
    subscription_values,
    subscription_values_of,
)


def form(*pairs: tuple[str, str]) -> MultiDict[str, str]:
    return MultiDict(list(pairs))


def test_the_feed_filters_keep_only_what_was_chosen() -> None:
    chosen = form(("state", "new"), ("state", "saved"), ("kind", ""), ("order", "score"), ("cursor", "abc"))

    assert feed_query(chosen) == {"state": ["new", "saved"], "order": "score", "cursor": "abc"}
    assert feed_query(form(("order", "matched"), ("unknown", "x"))) == {}


def test_the_feed_url_repeats_filters_and_adds_the_next_pages_cursor() -> None:
    query = {"state": ["new", "saved"], "kind": ["course"]}

    assert feed_url(query) == "/portal/feed?state=new&state=saved&kind=course"
    assert feed_url(query, "c1") == "/portal/feed?state=new&state=saved&kind=course&cursor=c1"
    assert feed_url({}) == "/portal/feed"


def test_an_action_goes_back_to_the_feed_page_it_came_from_and_nowhere_else() -> None:
    assert back_to_feed("state=saved&order=score") == "/portal/feed?state=saved&order=score"
    assert back_to_feed("next=https://evil.example&state=new") == "/portal/feed?state=new"
    assert back_to_feed(None) == "/portal/feed"


def test_an_interest_without_places_asks_for_none_and_typed_text_is_passed_on_for_the_schema() -> None:
    assert interest_body("o1", interest_values(form(("places", " "), ("message", "")))) == {"opportunity_id": "o1"}
    assert interest_body("o1", interest_values(form(("places", "3"), ("message", "Dla 3 osób")))) == {
        "opportunity_id": "o1",
        "places": 3,
        "message": "Dla 3 osób",
    }
    assert interest_body("o1", {"places": "three", "message": ""})["places"] == "three"


def test_a_new_subscription_in_the_centres_own_voivodeship_leaves_the_regions_out() -> None:
    values = subscription_values(
        form(
            ("name", "Cyfrowe"),
            ("kinds", "course"),
            ("topics", "digital_skills"),
            ("topics", "languages"),
            ("area", "home"),
            ("free_only", "1"),
            ("keywords", "komputer, internet\nsmartfon"),
            ("min_days_before_deadline", "7"),
            ("delivery", "daily_digest"),
        )
    )

    assert subscription_body(values) == {
        "name": "Cyfrowe",
        "kinds": ["course"],
        "topics": ["digital_skills", "languages"],
        "target_groups": [],
        "online_anywhere": False,
        "free_only": True,
        "keywords": ["komputer", "internet", "smartfon"],
        "min_days_before_deadline": 7,
        "delivery": "daily_digest",
        "nationwide": False,
    }
    assert subscription_body(values, editing=True)["regions"] is None  # back to the centre's voivodeship


def test_chosen_voivodeships_or_the_whole_country() -> None:
    regional = subscription_values(form(("name", "R"), ("area", "regions"), ("regions", "14"), ("regions", "26")))
    nationwide = subscription_values(form(("name", "N"), ("area", "nationwide"), ("regions", "14")))

    assert subscription_body(regional)["regions"] == ["14", "26"]
    assert subscription_body(nationwide)["nationwide"] is True and "regions" not in subscription_body(nationwide)


def test_chosen_voivodeships_without_any_chosen_is_told_next_to_the_voivodeships() -> None:
    values = subscription_values(form(("name", "R"), ("area", "regions")))

    assert subscription_form_errors(values) == {"regions": ["Choose at least one voivodeship."]}
    assert subscription_form_errors(subscription_values(form(("name", "R")))) == {}


def test_typed_days_that_are_not_a_number_go_to_the_schema_as_typed() -> None:
    values = subscription_values(form(("name", "R"), ("min_days_before_deadline", "soon")))

    assert subscription_body(values)["min_days_before_deadline"] == "soon"
    assert values["min_days_before_deadline"] == "soon"  # shown again as typed


def test_a_stored_subscription_fills_the_form_it_was_made_with() -> None:
    stored = {
        "name": "Języki",
        "kinds": [],
        "topics": ["languages"],
        "target_groups": ["seniors"],
        "regions": ["14"],
        "nationwide": False,
        "online_anywhere": True,
        "free_only": False,
        "keywords": ["angielski", "niemiecki"],
        "min_days_before_deadline": None,
        "delivery": "instant",
    }

    values = subscription_values_of(stored)

    assert values["area"] == "regions" and values["regions"] == ["14"]
    assert values["keywords"] == "angielski\nniemiecki" and values["min_days_before_deadline"] == ""
    assert subscription_body(values, editing=True) == {**stored, "keywords": ["angielski", "niemiecki"]}
    assert subscription_values_of({**stored, "nationwide": True, "regions": []})["area"] == "nationwide"


def test_field_errors_are_flat_per_field_and_without_repeats() -> None:
    fields = {"kinds": {"0": ["Must be one of: course."], "2": ["Must be one of: course."]}, "name": ["Too long."]}

    assert field_errors(fields) == {"kinds": ["Must be one of: course."], "name": ["Too long."]}
    assert field_errors(None) == {}
