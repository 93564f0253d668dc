import { describe, expect, it } from "vitest";
import { deliveryOutcome, isEventType } from "./events";

const attempt = (status_code: number | null) => ({
  attempted_at: "2027-03-10T10:00:00Z",
  status_code,
  error: null,
  duration_ms: 12,
});

describe("deliveryOutcome", () => {
  it("says a delivery was delivered", () => {
    expect(deliveryOutcome({ status: "delivered", attempts: [attempt(500), attempt(204)] })).toBe("Delivered");
  });

  it("says what the last attempt got while a delivery waits to retry", () => {
    expect(deliveryOutcome({ status: "pending", attempts: [attempt(503)] })).toBe("Waiting to retry (answered 503)");
    expect(deliveryOutcome({ status: "pending", attempts: [attempt(null)] })).toBe("Waiting to retry (no answer)");
    expect(deliveryOutcome({ status: "pending", attempts: [] })).toBe("Waiting to send");
  });

  it("says a delivery given up on failed, and how", () => {
    expect(deliveryOutcome({ status: "failed", attempts: [attempt(410)] })).toBe("Failed (answered 410)");
  });
});

describe("isEventType", () => {
  it("knows the API's events and nothing else", () => {
    expect(isEventType("session.moved")).toBe(true);
    expect(isEventType("session.deleted")).toBe(false);
    expect(isEventType(3)).toBe(false);
  });
});
