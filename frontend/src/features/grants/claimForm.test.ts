import { describe, expect, it } from "vitest";
import { claimFormData } from "./api";
import { claimProblem, readMatchedClaim } from "./claimForm";

const pdf = new File(["%PDF-1.4\n"], "invoice.pdf", { type: "application/pdf" });

describe("readMatchedClaim", () => {
  it("reads the spend into whole pence, exactly", () => {
    expect(readMatchedClaim({ spend: "1,234.56", invoiceReference: " INV-7 ", evidence: pdf })).toEqual({
      errors: [],
      matched: { spendPence: 123456, invoiceReference: "INV-7", evidence: pdf },
    });
  });

  it("says what is wrong with each field, by the API's pointers", () => {
    const read = readMatchedClaim({ spend: "12.345", invoiceReference: "", evidence: null });
    expect(read.matched).toBeUndefined();
    expect(read.errors.map((error) => [error.pointer, error.detail])).toEqual([
      ["/spend_pence", "Enter how much the school spent in pounds and pence, like 1,234.56"],
      ["/invoice_reference", "Enter the invoice reference"],
      ["/evidence", "Select the invoice or receipt, as a PDF, PNG or JPEG"],
    ]);
  });

  it("refuses a long invoice reference and a file of another kind", () => {
    const word = new File(["x"], "invoice.docx", { type: "application/msword" });
    const read = readMatchedClaim({ spend: "10", invoiceReference: "x".repeat(101), evidence: word });
    expect(read.errors.map((error) => error.pointer)).toEqual(["/invoice_reference", "/evidence"]);
  });
});

describe("claimFormData", () => {
  it("sends matched funding's fields and the file itself", () => {
    const data = claimFormData({
      entitlementId: 7,
      key: "k",
      matched: { spendPence: 123456, invoiceReference: "INV-7", evidence: pdf },
    });
    expect(data.get("entitlement_id")).toBe("7");
    expect(data.get("spend_pence")).toBe("123456");
    expect(data.get("invoice_reference")).toBe("INV-7");
    expect((data.get("evidence") as File).name).toBe("invoice.pdf");
  });

  it("sends only the entitlement for a fixed grant", () => {
    const data = claimFormData({ entitlementId: 3, key: "k" });
    expect([...data.keys()]).toEqual(["entitlement_id"]);
  });
});

describe("claimProblem", () => {
  it("links a file that is too large to the evidence field", () => {
    const problem = claimProblem({
      type: "/problems/evidence-too-large",
      title: "Evidence too large",
      status: 413,
      detail: "The evidence file is 12 MB; the most is 10 MB.",
    });
    expect(problem?.errors).toEqual([{ location: "body", pointer: "/evidence", detail: "The evidence file is 12 MB; the most is 10 MB." }]);
  });

  it("leaves other problems as they are", () => {
    const conflict = { type: "about:blank", title: "Conflict", status: 409, detail: "Claim GC-000001 has already been made." };
    expect(claimProblem(conflict)).toBe(conflict);
    expect(claimProblem(null)).toBeNull();
  });
});
