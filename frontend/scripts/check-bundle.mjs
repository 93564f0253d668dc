// The JavaScript a person downloads before the catalogue shows: the entry chunk and every chunk
// it imports statically (the catalogue is in the entry; every other page is its own lazy chunk),
// read from the Vite manifest of the last build and gzipped at level 9, as the service sends them
// (api/static_assets.py).
// Fails above the budget. Run after `npm run build` (`npm run check:bundle`).
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

/** 100 KB gzipped, as issue 14 sets it: read as 100,000 bytes, the stricter of the two readings. */
const BUDGET_BYTES = 100_000;

// The build folder: frontend/dist, or the one named on the command line.
const dist = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), "..", "dist");
const manifest = JSON.parse(readFileSync(join(dist, ".vite", "manifest.json"), "utf8"));

const entries = Object.entries(manifest).filter(([, chunk]) => chunk.isEntry);
if (entries.length !== 1) {
  console.error(`check-bundle: expected one entry chunk in the manifest, found ${String(entries.length)}`);
  process.exit(1);
}

/** The entry and its static imports, each once. */
const seen = new Set();
const pending = [entries[0][0]];
while (pending.length > 0) {
  const key = pending.pop();
  if (seen.has(key)) continue;
  seen.add(key);
  for (const imported of manifest[key]?.imports ?? []) pending.push(imported);
}

let total = 0;
const lines = [];
for (const key of seen) {
  const file = manifest[key].file;
  if (!file.endsWith(".js")) continue;
  const gzipped = gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
  total += gzipped;
  lines.push(`  ${file}  ${(gzipped / 1000).toFixed(1)} KB`);
}
const kb = (bytes) => `${(bytes / 1000).toFixed(1)} KB`;
console.log(`JavaScript before the catalogue shows (gzipped):\n${lines.join("\n")}`);
console.log(`Total: ${kb(total)} (${String(total)} bytes) of a ${kb(BUDGET_BYTES)} (${String(BUDGET_BYTES)} bytes) budget`);
if (total > BUDGET_BYTES) {
  console.error(`check-bundle: ${kb(total)} is over the ${kb(BUDGET_BYTES)} budget: split more pages out of the entry.`);
  process.exit(1);
}
