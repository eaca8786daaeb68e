/** Helpers for per-frame samplers: touch the DOM only when what it shows changes. */

/**
 * At full speed numbers change every frame faster than anyone can read them; redrawing them
 * ten times a second keeps them legible and leaves the main thread's frame budget to the
 * animation. Stepped or slowed threads are drawn every frame, so a step shows at once.
 */
export const FULL_SPEED_REDRAW_MS = 100;

export function dueForRedraw(fullSpeed: boolean, time: number, last: { at: number }): boolean {
  if (fullSpeed && time - last.at < FULL_SPEED_REDRAW_MS) return false;
  last.at = time;
  return true;
}

export function setText(element: HTMLElement | null, text: string): void {
  if (element && element.textContent !== text) element.textContent = text;
}

export function setData(element: HTMLElement | null, key: string, value: string): void {
  if (element && element.dataset[key] !== value) element.dataset[key] = value;
}

/** Lets CSS shrink a number to fit its box: sets `--digits` when the digit count changes. */
export function setDigits(element: HTMLElement | null, text: string): void {
  const digits = String(Math.max(1, text.length));
  if (element && element.style.getPropertyValue("--digits") !== digits) {
    element.style.setProperty("--digits", digits);
  }
}

/**
 * A colour custom property as a canvas can use it. The palette is written with light-dark(),
 * which a canvas does not parse (it has no colour scheme), so the page resolves it: a probe
 * element inside `host` takes the colour, and its computed value is plain rgb().
 */
export function cssColour(host: Element, name: string, fallback = "#888"): string {
  const probe = document.createElement("span");
  probe.style.color = `var(${name})`;
  probe.hidden = true;
  host.appendChild(probe);
  const value = getComputedStyle(probe).color;
  probe.remove();
  return value || fallback;
}
