import { describe, expect, it } from "vitest";
import type { Me } from "./api/client";
import { hasRole, homeFor, isHubStaff, mySchoolPath, returnPath, SCHOOL_READERS, signInRequired } from "./auth";

function person(role: Me["role"], hub_id: string | null = "cheshire-and-wirral"): Me {
  return { kind: "user", id: 1, name: "A", email: "a@example.org", role, hub_id, school_urn: null, scopes: [], csrf_token: "t", two_factor: false, two_factor_due: false };
}

describe("isHubStaff", () => {
  it("is national and hub administrators only", () => {
    expect(isHubStaff(person("national_admin", null))).toBe(true);
    expect(isHubStaff(person("hub_admin"))).toBe(true);
    expect(isHubStaff(person("mastery_specialist"))).toBe(false);
    expect(isHubStaff(person("school_contact"))).toBe(false);
    expect(isHubStaff(null)).toBe(false);
    expect(isHubStaff(undefined)).toBe(false);
  });
});

describe("mySchoolPath", () => {
  it("is a school contact's own school page, and nobody else's", () => {
    expect(mySchoolPath({ ...person("school_contact"), school_urn: "100001" })).toBe("/schools/100001");
    expect(mySchoolPath(person("school_contact"))).toBeNull();
    expect(mySchoolPath({ ...person("hub_admin"), school_urn: "100001" })).toBeNull();
    expect(mySchoolPath(null)).toBeNull();
  });

  it("offers the register to every role, and not to visitors", () => {
    for (const role of ["national_admin", "hub_admin", "mastery_specialist", "school_contact"] as const) {
      expect(hasRole(person(role), SCHOOL_READERS)).toBe(true);
    }
    expect(hasRole(null, SCHOOL_READERS)).toBe(false);
  });
});

describe("homeFor", () => {
  it("sends a hub administrator to their hub's programmes and others to the catalogue", () => {
    expect(homeFor(person("hub_admin"))).toBe("/programmes?hub=cheshire-and-wirral");
    expect(homeFor(person("national_admin", null))).toBe("/programmes");
    expect(homeFor(person("school_contact"))).toBe("/programmes");
  });
});

describe("returnPath", () => {
  it("returns a path on this site", () => {
    expect(returnPath({ from: "/admin/audit?actor=user:1" })).toBe("/admin/audit?actor=user:1");
  });

  it.each([
    [null],
    ["/admin"],
    [{ from: 3 }],
    [{ from: "https://example.com/" }],
    [{ from: "//example.com/" }],
    [{ from: "/\\example.com" }],
    [{ from: "/sign-in" }],
  ])("refuses %j", (state) => {
    expect(returnPath(state)).toBeNull();
  });
});

describe("signInRequired", () => {
  it("is true only when a page needed signing in", () => {
    expect(signInRequired({ from: "/admin/audit", required: true })).toBe(true);
    expect(signInRequired({ from: "/programmes" })).toBe(false);
    expect(signInRequired({ from: "//example.com", required: true })).toBe(false);
    expect(signInRequired(null)).toBe(false);
  });
});
