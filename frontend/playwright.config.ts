// Browser tests against a real server: the built SPA (frontend/dist, from `npm run build`)
// served by the FastAPI app on a fresh SQLite database with the demo data (e2e/serve.sh).
import { defineConfig, devices } from "@playwright/test";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { E2E_NOW_DEFAULT } from "./e2e/moment";

const port = Number(process.env.E2E_PORT ?? 8765);
const baseURL = `http://127.0.0.1:${String(port)}`;
// The test SMTP server that e2e/serve.sh starts writes each email it receives into this folder,
// where the tests read it (e2e/mail.ts). Set here, so the test workers see the same folder.
const smtpPort = Number(process.env.E2E_SMTP_PORT ?? 8825);
process.env.E2E_MAIL_DIR ??= join(tmpdir(), `mathshubs-e2e-mail-${String(port)}`);
// The moment the server and the browsers run at (e2e/moment.ts), the same in every worker.
process.env.E2E_NOW ??= E2E_NOW_DEFAULT;
// The file the server's clock reads at each request, which the test of a whole year rewrites.
process.env.E2E_CLOCK_FILE ??= join(tmpdir(), `mathshubs-e2e-clock-${String(port)}.txt`);
// The browsers the administrators asked the server to remember after entering a code
// (e2e/accounts.ts). e2e/serve.sh empties it when it starts a fresh database (not here: every
// worker, and each one started after a failure, loads this file again).
process.env.E2E_BROWSERS_FILE ??= join(tmpdir(), `mathshubs-e2e-browsers-${String(port)}.json`);

export default defineConfig({
  testDir: "./e2e",
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  workers: 1,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        // Debian's Chromium: Playwright's own browser download is not available here.
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
          ],
        },
        headless: true,
      },
    },
  ],
  webServer: {
    command: "bash e2e/serve.sh",
    url: `${baseURL}/api/v1/health/ready`,
    env: {
      E2E_PORT: String(port),
      E2E_SMTP_PORT: String(smtpPort),
      E2E_MAIL_DIR: process.env.E2E_MAIL_DIR,
      E2E_NOW: process.env.E2E_NOW,
      E2E_CLOCK_FILE: process.env.E2E_CLOCK_FILE,
      E2E_BROWSERS_FILE: process.env.E2E_BROWSERS_FILE,
    },
    reuseExistingServer: !process.env.CI,
    // Generous: migrating and loading the demo data takes over a minute on a busy machine.
    timeout: 300_000,
    // SIGTERM to the whole process group, as supervisors stop a server (a background job
    // inherits SIGINT ignored), so that e2e/serve.sh stops its servers and removes its folder;
    // Playwright sends SIGKILL to the group if that takes longer than this.
    gracefulShutdown: { signal: "SIGTERM", timeout: 30_000 },
    // The access log is noise in CI; start-up errors still come through stderr.
    stdout: "ignore",
    stderr: "pipe",
  },
});
