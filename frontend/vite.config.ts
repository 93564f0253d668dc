import react from "@vitejs/plugin-react";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  plugins: [react()],
  resolve: {
    // react-router's package exports only its development build (warnings and all); the
    // production build it also ships is smaller, and the first load has a budget.
    alias: [
      {
        find: /^react-router$/,
        replacement: fileURLToPath(new URL("node_modules/react-router/dist/production/index.mjs", import.meta.url)),
      },
    ],
  },
  server: {
    // The FastAPI service (`uv run mathshubs serve`) answers /api in development.
    proxy: { "/api": "http://127.0.0.1:8000" },
  },
  css: {
    preprocessorOptions: {
      scss: {
        loadPaths: ["node_modules"],
        // govuk-frontend still uses a few Sass features that Dart Sass warns about.
        quietDeps: true,
      },
    },
  },
  build: {
    outDir: "dist",
    // The server serves /assets/* from dist/assets.
    assetsDir: "assets",
    sourcemap: true,
    // dist/.vite/manifest.json: which chunks the entry imports, for scripts/check-bundle.mjs.
    manifest: true,
    // Every browser the service supports has <link rel="modulepreload">: no polyfill in the entry.
    modulePreload: { polyfill: false },
    // Terser packs the first load a few KB smaller than esbuild (scripts/check-bundle.mjs budget).
    minify: "terser",
    terserOptions: { module: true, ecma: 2020, compress: { passes: 3 } },
  },
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.{ts,tsx}"],
    setupFiles: ["src/test-setup.ts"],
  },
});
