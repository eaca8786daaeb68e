/** Helpers for per-frame samplers: touch the DOM only when what it shows changes. */

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
