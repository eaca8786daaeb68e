/// <reference types="vitest/config" />
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

/**
 * SharedArrayBuffer exists only in a cross-origin isolated page, so dev and preview both send
 * COOP/COEP. Static hosts get the same headers from public/_headers (Netlify, Cloudflare Pages).
 */
const crossOriginIsolation = {
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Embedder-Policy": "require-corp",
};

export default defineConfig({
  plugins: [react()],
  server: { headers: crossOriginIsolation, port: 5173, strictPort: false },
  preview: { headers: crossOriginIsolation, port: 4173 },
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
