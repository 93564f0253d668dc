import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

export default defineConfig({
  plugins: [react()],
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
    terserOptions: { compress: { passes: 2 } },
  },
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.{ts,tsx}"],
    setupFiles: ["src/test-setup.ts"],
  },
});
