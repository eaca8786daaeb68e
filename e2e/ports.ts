/** Where the end-to-end servers listen: the isolated preview, and a plain header-less server. */
export const PREVIEW_PORT = 4173;
export const PLAIN_PORT = 4180;
export const PLAIN_URL = `http://127.0.0.1:${PLAIN_PORT}`;
/** The dev server (React StrictMode mounts effects twice there). */
export const DEV_PORT = 5174;
export const DEV_URL = `http://localhost:${DEV_PORT}`;
