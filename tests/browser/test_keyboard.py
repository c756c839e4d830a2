"""Keyboard only: the search box, the facets and the first result, each with visible focus."""

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from tests.browser.registry import build_registry
from tests.browser.support import BROWSER_TEST, assert_no_problems

pytestmark = BROWSER_TEST

# The focused element's own focus styles, then the same element's without focus; it keeps focus.
FOCUS_STYLES = """() => {
  const element = document.activeElement;
  const read = () => {
    const style = getComputedStyle(element);
    return {
      outline: `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`,
      outlineVisible: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
      boxShadow: style.boxShadow,
    };
  };
  const focused = read();
  const focusVisible = element.matches(":focus-visible");
  element.blur();
  const unfocused = read();
  element.focus({focusVisible: true});
  const rect = element.getBoundingClientRect();
  return {
    focused, unfocused, focusVisible,
    inViewport: rect.bottom > 0 && rect.top < innerHeight && rect.width > 0 && rect.height > 0,
    description: element.tagName.toLowerCase() + (element.id ? `#${element.id}` : "")
      + [...element.classList].map((name) => `.${name}`).join("")
      + ` "${(element.innerText || element.value || "").trim().slice(0, 40)}"`,
    stillFocused: document.activeElement === element,
  };
}"""


def tab_to(visitor, selector: str, *, limit: int = 40) -> list[str]:
    """Press Tab until an element matching ``selector`` has focus; check each stop on the way.

    Returns the problems with the focus indicator of every element that got focus.
    """
    page = visitor.page
    problems = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_STYLES)
        focused, unfocused = state["focused"], state["unfocused"]
        indicator = (focused["outlineVisible"] and focused["outline"] != unfocused["outline"]) or (
            focused["boxShadow"] not in ("none", unfocused["boxShadow"])
        )
        if not (state["focusVisible"] and indicator and state["inViewport"]):
            problems.append(
                f"{visitor.where()}: no visible focus indicator on {state['description']} "
                f"(focused: {focused}, unfocused: {unfocused}, in view: {state['inViewport']})"
            )
        assert state["stillFocused"], f"{visitor.where()}: focus was lost on {state['description']}"
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return problems
    raise AssertionError(f"{visitor.where()}: {limit} presses of Tab never reached {selector}")


@pytest.mark.parametrize(
    ("lang", "viewport", "query"), [("sv", "desktop", "inkubator"), ("en", "mobile", "incubator")]
)
def test_keyboard_reaches_search_facets_and_first_result_with_visible_focus(
    visitor_for, lang, viewport, query
):
    build_registry()
    visitor = visitor_for(lang, viewport)
    page = visitor.page
    with translation.override(lang):
        visitor.open(reverse("registry:actor_list"))

    # The first Tab lands on the skip link, shown on the screen.
    problems = tab_to(visitor, ".skip-link", limit=1)
    expect(page.locator(".skip-link")).to_be_in_viewport()

    problems += tab_to(visitor, "#id_q")
    page.keyboard.type(query)

    problems += tab_to(visitor, "fieldset.facet input[type=checkbox]")
    first_option = page.locator(":focus")
    option_value = first_option.get_attribute("value")
    page.keyboard.press("Space")
    expect(first_option).to_be_checked()

    problems += tab_to(visitor, ".facets__actions button")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    visitor.check()
    assert f"q={query}" in page.url
    assert f"kind={option_value}" in page.url

    # The form sends the visitor to the results: the next Tabs start there.
    problems += tab_to(visitor, ".result-list a")
    first_result = page.locator(".result-list .result__title a").first
    expect(first_result).to_be_focused()
    title = first_result.inner_text()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    visitor.check()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)

    visitor.problems["keyboard focus"].extend(problems)
    assert_no_problems(visitor)
