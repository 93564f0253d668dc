// Money on the grants pages: whole pence from the API shown as "£1,000.00" (always with pence,
// as statements and claims are read by finance), and pounds typed by a person read back into
// whole pence exactly, by the digits alone: never through a floating-point number.

/** The most one claim or adjustment may be, as the API says: £1,000,000.00. */
export const MAX_PENCE = 100_000_000;

/** U+2212, the minus sign GOV.UK uses for negative amounts (a hyphen reads as a dash). */
export const MINUS = "\u2212";

const grouped = new Intl.NumberFormat("en-GB", { useGrouping: true });

/** Pence as pounds with pence always shown: 100000 → "£1,000.00", -5050 → "−£50.50". */
export function formatPounds(money: number | { amount_pence: number }): string {
  const pence = typeof money === "number" ? money : money.amount_pence;
  const size = Math.abs(pence);
  const pounds = Math.floor(size / 100);
  const rest = String(size % 100).padStart(2, "0");
  return `${pence < 0 ? MINUS : ""}£${grouped.format(pounds)}.${rest}`;
}

export type PoundsRead = { pence: number; error?: undefined } | { pence?: undefined; error: string };

type ReadOptions = {
  /** What the amount is, to finish the messages: "how much the school spent". */
  what: string;
  /** Whether a minus sign is allowed (an adjustment takes money back). */
  signed?: boolean;
  /** Whether £0.00 is allowed. */
  zero?: boolean;
};

/**
 * Pounds as typed ("1,234.56", "£1234.5", "−20") as whole pence (123456, 123450, -2000), or the
 * sentence to show at the field. Commas must group thousands; at most two digits of pence.
 */
export function readPounds(typed: string, { what, signed = false, zero = true }: ReadOptions): PoundsRead {
  let text = typed.trim().replace(/\s+/g, "");
  if (text === "") return { error: `Enter ${what}` };
  let negative = false;
  if (/^[-\u2212]/.test(text)) {
    negative = true;
    text = text.slice(1);
  }
  text = text.replace(/^£/, "");
  if (/^[-\u2212]/.test(text) && !negative) {
    negative = true;
    text = text.slice(1);
  }
  const match = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/.exec(text);
  if (!match) {
    return {
      error: `Enter ${what} in pounds and pence, like 1,234.56`,
    };
  }
  if (negative && !signed) return { error: `Enter ${what} as an amount of £0.00 or more` };
  const pounds = (match[1] ?? "0").replace(/,/g, "");
  const pence = (match[2] ?? "").padEnd(2, "0");
  // Compare as digits first, so a huge number never becomes an inexact float.
  const digits = `${pounds.replace(/^0+(?=\d)/, "")}${pence}`.replace(/^0+(?=\d)/, "");
  if (digits.length > String(MAX_PENCE).length || Number(digits) > MAX_PENCE) {
    return { error: `Enter ${what} of ${formatPounds(MAX_PENCE)} or less` };
  }
  const value = Number(digits);
  if (value === 0 && !zero) return { error: `Enter ${what} other than £0.00` };
  return { pence: negative && value !== 0 ? -value : value };
}
