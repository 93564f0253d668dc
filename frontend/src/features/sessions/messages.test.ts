import { describe, expect, it } from "vitest";
import { messagesSummary } from "./messages";

describe("messagesSummary", () => {
  it("never says sent for a message that has not gone", () => {
    expect(messagesSummary([{ status: "queued" }, { status: "queued" }])).toBe(
      "0 of 2 emails sent; 2 waiting to send.",
    );
    expect(messagesSummary([{ status: "sent" }, { status: "failing" }, { status: "queued" }])).toBe(
      "1 of 3 emails sent; 1 waiting to send; 1 failing, to be tried again.",
    );
  });

  it("says all sent only when all are", () => {
    expect(messagesSummary([{ status: "sent" }])).toBe("1 email sent.");
    expect(messagesSummary([])).toBe("No emails yet.");
  });
});
