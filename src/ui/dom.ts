/** Helpers for per-frame samplers: touch the DOM only when what it shows changes. */

export function setText(element: HTMLElement | null, text: string): void {
  if (element && element.textContent !== text) element.textContent = text;
}

export function setData(element: HTMLElement | null, key: string, value: string): void {
  if (element && element.dataset[key] !== value) element.dataset[key] = value;
}
