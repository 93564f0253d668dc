import { describe, expect, it } from "vitest";
import { keyStatus } from "./KeyStatusTag";

describe("keyStatus", () => {
  const now = new Date("2026-11-25T12:00:00Z");

  it("is active with no expiry, or one still to come", () => {
    expect(keyStatus({ revoked_at: null, expires_at: null }, now)).toBe("active");
    expect(keyStatus({ revoked_at: null, expires_at: "2026-11-25T23:59:59+00:00" }, now)).toBe("active");
  });

  it("is expired once the expiry has passed", () => {
    expect(keyStatus({ revoked_at: null, expires_at: "2026-11-25T12:00:00Z" }, now)).toBe("expired");
  });

  it("is revoked when revoked, expired or not", () => {
    expect(keyStatus({ revoked_at: "2026-11-01T09:00:00Z", expires_at: "2026-11-02T00:00:00Z" }, now)).toBe("revoked");
  });
});
