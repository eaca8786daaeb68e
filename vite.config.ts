/// <reference types="vitest/config" />
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";

/**
 * SharedArrayBuffer exists only in a cross-origin isolated page, so dev and preview both send
 * COOP/COEP. Static hosts get the same headers from public/_headers (Netlify, Cloudflare Pages).
 */
const crossOriginIsolation = {
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Embedder-Policy": "require-corp",
};

/**
 * The production page allows only its own origin: no inline script, no eval, no other host.
 * Sent as a header by hosts that read public/_headers or vercel.json, and as a meta tag for
 * the rest. Not in dev, where Vite injects inline styles and scripts for hot reload.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'";

function contentSecurityPolicy(): Plugin {
  return {
    name: "content-security-policy",
    apply: "build",
    transformIndexHtml: () => [
      {
        tag: "meta",
        attrs: { "http-equiv": "Content-Security-Policy", content: CONTENT_SECURITY_POLICY },
        injectTo: "head-prepend",
      },
    ],
  };
}

export default defineConfig({
  // Relative asset URLs: the build works from any sub-path (GitHub Pages serves /<repo>/).
  base: "./",
  plugins: [react(), contentSecurityPolicy()],
  server: { headers: crossOriginIsolation, port: 5173, strictPort: false },
  preview: {
    headers: { ...crossOriginIsolation, "Content-Security-Policy": CONTENT_SECURITY_POLICY },
    port: 4173,
  },
  worker: { format: "es" },
  build: {
    target: "es2023",
    sourcemap: true,
    rollupOptions: {
      // The benchmark page ships in the build so `npm run bench` measures production code.
      input: { main: "index.html", bench: "src/bench/bench.html" },
    },
  },
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
