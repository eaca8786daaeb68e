export function findChromium(): { source: string; path: string | undefined } | null;
export function chromiumExecutable(): string | undefined;
export const CHROMIUM_ARGS: string[];
