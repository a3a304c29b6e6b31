"""Accessibility checks run in the browser on the page as it is shown: the contrast of its text, of its form controls
and of its focus ring (WCAG 2.2: 1.4.3, 1.4.11, 2.4.7), and how it fits a phone (1.4.10 reflow: no sideways
scrolling but inside a scrolling wrapper; the navigation in reach; 2.5.8 target size, at least 24 x 24 CSS px).

Each check returns its findings in words, one a line, naming the element (a short CSS path), its text and what was
measured; an empty list passes. Colours are taken from the computed styles: an element's background is the first
opaque one among it and its ancestors, with the semi-transparent ones in between blended over it, and the element's
own opacity (and its ancestors') fades its text towards that background. Background images are not looked at (Pico's
are icons: a checkbox's tick, a list's chevron), nor the SVG charts' and map's drawn text."""

from __future__ import annotations

import re

from playwright.sync_api import Page

NORMAL_TEXT = 4.5  # WCAG 2.x 1.4.3, AA
LARGE_TEXT = 3.0  # 24 px and more, or 18.66 px (14 pt) and more in bold
NON_TEXT = 3.0  # 1.4.11: a control's boundary and the focus ring against what surrounds them
FOCUS_RING_WIDTH = 2.0  # CSS px, the thinnest ring taken for a focus indicator
TARGET = 24.0  # CSS px, 2.5.8 target size (minimum)

# shared by the scripts below: colours parsed, blended and compared, elements named
TOOLS = r"""
  const parse = (value) => {
    const found = /^rgba?\(([^)]+)\)$/.exec(value.trim());
    if (!found) return null;
    const [r, g, b, a = 1] = found[1].split(/[\s,\/]+/).filter((part) => part).map(Number);
    return {r, g, b, a};
  };
  const over = (top, bottom) => ({
    r: top.r * top.a + bottom.r * (1 - top.a),
    g: top.g * top.a + bottom.g * (1 - top.a),
    b: top.b * top.a + bottom.b * (1 - top.a),
    a: 1,
  });
  const luminance = ({r, g, b}) => {
    const linear = (channel) => {
      const c = channel / 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
  };
  const ratio = (one, other) => {
    const [light, dark] = [luminance(one), luminance(other)].sort((x, y) => y - x);
    return (light + 0.05) / (dark + 0.05);
  };
  const hex = ({r, g, b}) => '#' + [r, g, b].map((c) => Math.round(c).toString(16).padStart(2, '0')).join('');
  const dark = () => getComputedStyle(document.documentElement).colorScheme.includes('dark')
    && matchMedia('(prefers-color-scheme: dark)').matches;
  const canvas = () => (dark() ? {r: 18, g: 18, b: 18, a: 1} : {r: 255, g: 255, b: 255, a: 1});
  // what shows behind `el`'s content: its background and its ancestors', down to the first opaque one
  const backdrop = (el) => {
    const layers = [];
    for (let at = el; at; at = at.parentElement) {
      const colour = parse(getComputedStyle(at).backgroundColor);
      if (colour && colour.a > 0) {
        layers.push(colour);
        if (colour.a >= 1) break;
      }
    }
    return layers.reverse().reduce((below, layer) => over(layer, below), canvas());
  };
  const opacity = (el) => {
    let product = 1;
    for (let at = el; at; at = at.parentElement) product *= Number(getComputedStyle(at).opacity);
    return product;
  };
  // `colour` as it shows over `behind`, faded by its alpha and by `fade`
  const shown = (colour, behind, fade = 1) => over({...colour, a: colour.a * fade}, behind);
  const describe = (el) => {
    const names = [];
    for (let at = el; at && at !== document.body && names.length < 4; at = at.parentElement) {
      let name = at.tagName.toLowerCase();
      if (at.id) name += `#${at.id}`;
      for (const cls of at.classList) name += `.${cls}`;
      names.unshift(name);
      if (at.id || ['MAIN', 'HEADER', 'FOOTER'].includes(at.tagName)) break;
    }
    return names.join(' > ');
  };
  const quoted = (text) => JSON.stringify(text.replace(/\s+/g, ' ').trim().slice(0, 60));
  const rendered = (el) => {
    if (el.getClientRects().length === 0 || getComputedStyle(el).visibility !== 'visible') return false;
    for (let at = el; at; at = at.parentElement) {
      const box = at.getBoundingClientRect();
      const style = getComputedStyle(at);
      const clips = style.overflow !== 'visible' || style.clipPath !== 'none' || style.clip !== 'auto';
      if (clips && (box.width <= 1 || box.height <= 1)) return false;  // visually hidden, for screen readers only
    }
    const box = el.getBoundingClientRect();
    return box.right > 0 && box.bottom > 0;  // not moved off the page (the skip link until it has focus)
  };
  const disabled = (el) => el.closest(':disabled, [aria-disabled="true"]') !== null;
"""

CONTRAST = (
    r"""(thresholds) => {"""
    + TOOLS
    + r"""
  const {normal, large, nonText} = thresholds;
  const problems = [];
  for (const running of document.getAnimations()) running.finish();  // colours as they settle
  const measured = new Set();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!el || measured.has(el) || !/[\p{L}\p{N}]/u.test(node.textContent)) continue;
    measured.add(el);
    if (el.closest('svg, script, style, template, select, textarea') || disabled(el) || !rendered(el)) continue;
    const style = getComputedStyle(el);
    const size = parseFloat(style.fontSize);
    const needed = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700) ? large : normal;
    const colour = parse(style.color);
    const behind = backdrop(el);
    if (!colour) {
      problems.push(`${describe(el)} ${quoted(node.textContent)}: colour ${style.color} not understood`);
      continue;
    }
    const text = shown(colour, behind, opacity(el));
    const found = ratio(text, behind);
    if (found < needed) {
      problems.push(`${describe(el)} ${quoted(node.textContent)}: ${hex(text)} on ${hex(behind)} is `
        + `${found.toFixed(2)}:1, needs ${needed}:1 (${size}px, weight ${style.fontWeight})`);
    }
  }
  const controls = 'input:not([type=hidden]):not([type=image]), select, textarea, button';
  for (const el of document.querySelectorAll(controls)) {
    if (disabled(el) || !rendered(el)) continue;
    const style = getComputedStyle(el);
    const behind = backdrop(el);
    const colour = parse(style.color);
    const boxed = !['checkbox', 'radio', 'range', 'color', 'file'].includes(el.type) && el.tagName !== 'BUTTON';
    if (boxed && colour) {  // the text typed or chosen (a button's is among the text above)
      const typed = shown(colour, behind, opacity(el));
      const found = ratio(typed, behind);
      if (found < normal) {
        problems.push(`${describe(el)}: its text ${hex(typed)} on ${hex(behind)} is `
          + `${found.toFixed(2)}:1, needs ${normal}:1`);
      }
    }
    if (el.placeholder && !el.value) {
      const hint = parse(getComputedStyle(el, '::placeholder').color);
      const found = hint ? ratio(shown(hint, behind, opacity(el)), behind) : 0;
      if (found < normal) {
        problems.push(`${describe(el)}: its placeholder ${quoted(el.placeholder)} is ${found.toFixed(2)}:1 `
          + `on ${hex(behind)}, needs ${normal}:1`);
      }
    }
    // 1.4.11: what tells a field from its surroundings, its border or else its own background (a button is told
    // by its text, which needs no edge)
    if (el.tagName === 'BUTTON' || ['submit', 'button', 'reset'].includes(el.type)) continue;
    const around = el.parentElement ? backdrop(el.parentElement) : canvas();
    const border = parse(style.borderTopColor);
    const fill = parse(style.backgroundColor);
    const edges = [];
    if (parseFloat(style.borderTopWidth) >= 1 && style.borderTopStyle !== 'none' && border && border.a > 0) {
      edges.push(['border', shown(border, around, opacity(el))]);
    }
    if (fill && fill.a > 0) edges.push(['background', shown(fill, around, opacity(el))]);
    const best = edges.map(([what, colour]) => [what, colour, ratio(colour, around)]).sort((x, y) => y[2] - x[2])[0];
    if (!best || best[2] < nonText) {
      const seen = best ? `its ${best[0]} ${hex(best[1])} on ${hex(around)} is ${best[2].toFixed(2)}:1` : 'no edge';
      problems.push(`${describe(el)} ${quoted(el.textContent || el.value || el.type)}: ${seen}, `
        + `needs ${nonText}:1 to be told from its surroundings`);
    }
  }
  return problems;
}"""
)

# after a key press, so that the browser takes the focus as the keyboard's (:focus-visible)
FOCUS_RINGS = (
    r"""(thresholds) => {"""
    + TOOLS
    + r"""
  const {nonText, width} = thresholds;
  const problems = [];
  // the rings an element draws around itself: its outline and its box shadows that are solid rings
  const rings = (el) => {
    const style = getComputedStyle(el);
    const found = [];
    const outline = parse(style.outlineColor);
    if (!['none', 'hidden'].includes(style.outlineStyle) && outline && outline.a > 0) {
      found.push({what: 'outline', colour: outline, width: parseFloat(style.outlineWidth)});
    }
    for (const shadow of style.boxShadow === 'none' ? [] : style.boxShadow.split(/,(?![^(]*\))/)) {
      const colour = parse((/rgba?\([^)]*\)/.exec(shadow) || [''])[0]);
      const lengths = (shadow.replace(/rgba?\([^)]*\)/, '').match(/-?[\d.]+px/g) || []).map(parseFloat);
      const [x = 0, y = 0, blur = 0, spread = 0] = lengths;
      if (colour && colour.a > 0 && !shadow.includes('inset') && x === 0 && y === 0 && blur === 0 && spread > 0) {
        found.push({what: 'box-shadow', colour, width: spread});
      }
    }
    return found;
  };
  const key = (ring) => `${ring.what} ${hex(ring.colour)} ${ring.colour.a} ${ring.width}`;
  const focusable = 'a[href], button, input:not([type=hidden]), select, textarea, summary, '
    + '[tabindex]:not([tabindex="-1"])';
  for (const el of document.querySelectorAll(focusable)) {
    if (disabled(el) || el.closest('details:not([open]) > :not(summary)')) continue;
    for (const running of document.getAnimations()) running.finish();
    const before = new Set(rings(el).map(key));
    el.focus({preventScroll: true});
    for (const running of document.getAnimations()) running.finish();  // Pico's transitions: their end is the look
    if (document.activeElement !== el || !rendered(el)) continue;
    const name = `${describe(el)} ${quoted(el.textContent || el.value || el.getAttribute('aria-label') || el.type)}`;
    if (!el.matches(':focus-visible')) {
      problems.push(`${name}: the browser does not take its focus as a keyboard's (:focus-visible)`);
      continue;
    }
    const around = el.parentElement ? backdrop(el.parentElement) : canvas();
    const fade = el.parentElement ? opacity(el.parentElement) : 1;
    const candidates = rings(el).filter((ring) => !before.has(key(ring)))
      .map((ring) => ({...ring, ratio: ratio(shown(ring.colour, around, fade), around)}))
      .sort((x, y) => y.ratio - x.ratio);
    const best = candidates.find((ring) => ring.width >= width && ring.ratio >= nonText) ?? candidates[0];
    if (!best) {
      problems.push(`${name}: nothing shows its focus (no outline or ring that it lacks unfocused)`);
    } else if (best.width < width || best.ratio < nonText) {
      problems.push(`${name}: its focus ${best.what} ${hex(shown(best.colour, around, fade))}, ${best.width}px, on `
        + `${hex(around)} is ${best.ratio.toFixed(2)}:1; needs ${width}px and ${nonText}:1`);
    }
  }
  document.activeElement?.blur();
  return problems;
}"""
)

PHONE_LAYOUT = (
    r"""(thresholds) => {"""
    + TOOLS
    + r"""
  const {target} = thresholds;
  const problems = [];
  const width = document.documentElement.clientWidth;  // the layout viewport: a phone zooms out to fit what is wider
  const scroller = (el) => ['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(el).overflowX);
  // whether a scrolling (or clipping) box holds `el` in: its parent's, or for a positioned element its containing
  // block's, and so on up; an absolutely positioned element leaves a wrapper that is not positioned itself
  const clipped = (el) => {
    const position = getComputedStyle(el).position;
    if (position === 'fixed') return false;
    let at = el.parentElement;
    if (position === 'absolute') {
      while (at && at !== document.body && getComputedStyle(at).position === 'static') at = at.parentElement;
    }
    if (!at || at === document.body || at === document.documentElement) return false;
    return scroller(at) || clipped(at);
  };
  const sticksOut = (el) => el.getClientRects().length > 0 && el.getBoundingClientRect().right > width + 0.5
    && !clipped(el);
  if (document.documentElement.scrollWidth > width) {
    const culprits = [...document.body.querySelectorAll('*')]
      .filter((el) => sticksOut(el) && !(el.parentElement && sticksOut(el.parentElement)))
      .slice(0, 5).map((el) => `${describe(el)} (${Math.round(el.getBoundingClientRect().right)} px)`);
    problems.push(`the page is ${document.documentElement.scrollWidth} px wide on a ${width} px screen: `
      + `${culprits.join('; ') || 'nothing to name'}`);
  }
  for (const table of document.querySelectorAll('table')) {
    if (rendered(table) && !clipped(table)) {
      problems.push(`${describe(table)}: a table outside a scrolling wrapper (Pico's .overflow-auto)`);
    }
  }
  // the navigation: every link and button of the header's navigation on the screen, and the topmost at its middle
  const navigation = [...document.querySelectorAll('header nav a[href], header nav button')];
  if (navigation.length === 0) problems.push('no navigation in the header');
  for (const el of navigation) {
    el.scrollIntoView({block: 'center', inline: 'nearest'});
    const box = el.getBoundingClientRect();
    const name = `${describe(el)} ${quoted(el.textContent)}`;
    if (!rendered(el) || box.width === 0 || box.height === 0) {
      problems.push(`${name}: the navigation's item is not shown`);
    } else if (box.left < 0 || box.right > width + 0.5) {
      problems.push(`${name}: the navigation's item is off the screen `
        + `(${Math.round(box.left)} to ${Math.round(box.right)} px)`);
    } else {
      const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
      if (!hit || !(el === hit || el.contains(hit))) {
        problems.push(`${name}: the navigation's item is covered by ${hit ? describe(hit) : 'nothing'}`);
      }
    }
  }
  window.scrollTo(0, 0);
  // 2.5.8: each target 24 x 24 CSS px, or far enough from the others (a 24 px circle around its middle meets no
  // other target, nor another small one's circle), unless it is a link inside running text
  const interactive = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button]';
  const boxOf = (el) => {
    const box = el.getBoundingClientRect();
    const labels = ['checkbox', 'radio'].includes(el.type) ? [...el.labels] : [];  // a click on one ticks it
    const parts = [box, ...labels.map((label) => label.getBoundingClientRect())];
    const left = Math.min(...parts.map((p) => p.left)), top = Math.min(...parts.map((p) => p.top));
    const right = Math.max(...parts.map((p) => p.right)), bottom = Math.max(...parts.map((p) => p.bottom));
    return {left, top, right, bottom, width: right - left, height: bottom - top,
      x: (left + right) / 2, y: (top + bottom) / 2};
  };
  const inline = (el) => getComputedStyle(el).display.startsWith('inline')
    && !el.matches('button, input, select, textarea, [role=button]');
  const runningText = (el) => {
    if (!inline(el)) return false;
    let block = el.parentElement;
    while (block && getComputedStyle(block).display.startsWith('inline')) block = block.parentElement;
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (/[\p{L}\p{N}]/u.test(node.textContent) && !node.parentElement.closest(interactive)
          && rendered(node.parentElement)) return true;
    }
    return false;
  };
  const targets = [...document.querySelectorAll(interactive)]
    .filter((el) => rendered(el) && !disabled(el) && !el.closest('details:not([open]) > :not(summary)'))
    .map((el) => ({el, box: boxOf(el)}));
  for (const t of targets) t.small = t.box.width < target - 0.01 || t.box.height < target - 0.01;
  const distance = (x, y, box) => Math.hypot(
    Math.max(box.left - x, 0, x - box.right), Math.max(box.top - y, 0, y - box.bottom));
  const named = (el) => `${describe(el)} ${quoted(el.textContent || el.value || el.type)}`;
  for (const t of targets) {
    if (!t.small || runningText(t.el)) continue;
    const crowded = targets.filter((u) => u !== t && !u.el.contains(t.el) && !t.el.contains(u.el)
      && !(u.el.labels && [...u.el.labels].some((label) => label.contains(t.el)))
      && (u.small ? Math.hypot(u.box.x - t.box.x, u.box.y - t.box.y) < target
                  : distance(t.box.x, t.box.y, u.box) < target / 2));
    if (crowded.length) {
      problems.push(`${named(t.el)}: ${t.box.width.toFixed(1)} x ${t.box.height.toFixed(1)} px, under `
        + `${target} x ${target}, and too near ${crowded.slice(0, 2).map((u) => named(u.el)).join(', ')}`);
    }
  }
  return problems;
}"""
)


def contrast_problems(page: Page) -> list[str]:
    """Text under 4.5:1 (3:1 when large) against what is behind it, and form controls whose text, placeholder or edge
    falls short; disabled controls are exempt, as WCAG has them."""
    problems: list[str] = page.evaluate(CONTRAST, {"normal": NORMAL_TEXT, "large": LARGE_TEXT, "nonText": NON_TEXT})
    return problems


def focus_problems(page: Page) -> list[str]:
    """Each element the keyboard reaches, focused as the keyboard does: a ring (outline or solid box shadow) it lacks
    unfocused, at least 2 px wide and 3:1 against what surrounds the element."""
    page.keyboard.press("Shift")  # a key press: the browser's focus is the keyboard's from now on
    problems: list[str] = page.evaluate(FOCUS_RINGS, {"nonText": NON_TEXT, "width": FOCUS_RING_WIDTH})
    return problems


def phone_problems(page: Page) -> list[str]:
    """No sideways scrolling but inside scrolling wrappers, every table in one, the header's navigation on screen and
    not covered, and no target under 24 x 24 CSS px that is crowded by others (links in running text excepted)."""
    problems: list[str] = page.evaluate(PHONE_LAYOUT, {"target": TARGET})
    return problems


def named(problems: list[str]) -> set[str]:
    """The ids of the elements the problems name first (the checkers' own tests give each element an id)."""
    return {found.group(1) for problem in problems for found in [re.search(r"#([\w-]+)", problem)] if found}
