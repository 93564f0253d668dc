// Fails when src/api/schema.d.ts no longer matches ../openapi.yaml:
// regenerate into a temporary file and compare byte for byte.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const committed = join(root, "src", "api", "schema.d.ts");
const dir = mkdtempSync(join(tmpdir(), "schema-"));
const fresh = join(dir, "schema.d.ts");
try {
  execFileSync(
    join(root, "node_modules", ".bin", "openapi-typescript"),
    [join(root, "..", "openapi.yaml"), "-o", fresh],
    { cwd: root, stdio: ["ignore", "ignore", "inherit"] },
  );
  let current = "";
  try {
    current = readFileSync(committed, "utf8");
  } catch {
    // A missing file is stale too.
  }
  if (current !== readFileSync(fresh, "utf8")) {
    console.error("src/api/schema.d.ts is stale: run `npm run generate` and commit the result.");
    process.exitCode = 1;
  } else {
    console.log("src/api/schema.d.ts matches ../openapi.yaml.");
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
