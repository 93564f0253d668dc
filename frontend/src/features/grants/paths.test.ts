import { describe, expect, it } from "vitest";
import { claimedState, claimFormPath, claimPath, schoolGrantsPath, statementPath, urnParam } from "./paths";

describe("grants paths", () => {
  it("builds each page's path", () => {
    expect(schoolGrantsPath("100001")).toBe("/schools/100001/grants");
    expect(claimFormPath("100001", 7)).toBe("/schools/100001/grants/7/claim");
    expect(claimPath(42)).toBe("/grants/claims/42");
    expect(statementPath(3)).toBe("/grants/statements/3");
  });

  it("takes a URN of six digits only", () => {
    expect(urnParam("100001")).toBe("100001");
    expect(urnParam("10001")).toBeNull();
    expect(urnParam(undefined)).toBeNull();
  });
});

describe("claimedState", () => {
  it("reads the claim just made", () => {
    expect(claimedState({ claimed: { reference: "GC-000042" } })).toEqual({ reference: "GC-000042" });
  });
  it.each([null, undefined, "GC-1", {}, { claimed: null }, { claimed: { reference: 42 } }])("ignores %j", (state) => {
    expect(claimedState(state)).toBeNull();
  });
});
