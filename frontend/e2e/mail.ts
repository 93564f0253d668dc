import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";

/** An email the test SMTP server (e2e/smtp_sink.py) received. */
export type Email = {
  to: string[];
  subject: string;
  text: string;
  received_at: number;
  /** Attached files as text, such as a session notice's iCalendar invitation. */
  attachments?: { filename: string | null; content_type: string; method: string | null; content: string }[];
};

function mailDir(): string {
  const dir = process.env.E2E_MAIL_DIR;
  if (!dir) throw new Error("E2E_MAIL_DIR is not set: run the tests through playwright.config.ts");
  return dir;
}

async function received(): Promise<Email[]> {
  const dir = mailDir();
  const names = (await readdir(dir)).filter((name) => name.endsWith(".json")).sort();
  return Promise.all(names.map(async (name) => JSON.parse(await readFile(join(dir, name), "utf8")) as Email));
}

/**
 * The newest email to `address` that `matches`, waiting for the service's background sender
 * to deliver it (it polls its outbox every second in the tests).
 */
export async function waitForEmail(
  address: string,
  matches: (email: Email) => boolean = () => true,
  timeoutMs = 20_000,
): Promise<Email> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = (await received()).filter(
      (email) => email.to.some((to) => to.toLowerCase() === address.toLowerCase()) && matches(email),
    );
    const newest = found.at(-1);
    if (newest) return newest;
    if (Date.now() > deadline) throw new Error(`No email to ${address} arrived within ${String(timeoutMs)} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The path of the personal link in a signature request ("/sign/<token>"). */
export function signPath(email: Email): string {
  const match = /https?:\/\/[^/\s]+(\/sign\/[A-Za-z0-9_-]+)/.exec(email.text);
  if (!match?.[1]) throw new Error(`No /sign/ link in the email "${email.subject}"`);
  return match[1];
}
