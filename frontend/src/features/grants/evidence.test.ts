import { describe, expect, it } from "vitest";
import { evidenceError, fileSize, MAX_EVIDENCE_BYTES } from "./evidence";

describe("evidenceError", () => {
  it("takes a PDF, PNG or JPEG of up to 10 MB", () => {
    expect(evidenceError({ name: "invoice.pdf", size: 2048, type: "application/pdf" })).toBeNull();
    expect(evidenceError({ name: "receipt.PNG", size: 1, type: "image/png" })).toBeNull();
    expect(evidenceError({ name: "photo.jpg", size: MAX_EVIDENCE_BYTES, type: "image/jpeg" })).toBeNull();
    expect(evidenceError({ name: "scan.jpeg", size: 10, type: "" })).toBeNull();
  });

  it("asks for a file when none is chosen", () => {
    expect(evidenceError(null)).toBe("Select the invoice or receipt, as a PDF, PNG or JPEG");
    expect(evidenceError({ name: "", size: 0, type: "application/octet-stream" })).toBe(
      "Select the invoice or receipt, as a PDF, PNG or JPEG",
    );
  });

  it("refuses other kinds of file, empty files and files over 10 MB", () => {
    expect(evidenceError({ name: "invoice.docx", size: 10, type: "application/msword" })).toBe(
      "The selected file must be a PDF, PNG or JPEG",
    );
    expect(evidenceError({ name: "invoice", size: 10, type: "" })).toBe("The selected file must be a PDF, PNG or JPEG");
    expect(evidenceError({ name: "empty.pdf", size: 0, type: "application/pdf" })).toBe("The selected file is empty");
    expect(evidenceError({ name: "big.pdf", size: MAX_EVIDENCE_BYTES + 1, type: "application/pdf" })).toBe(
      "The selected file must be smaller than 10 MB; it is 10 MB",
    );
    expect(evidenceError({ name: "big.pdf", size: 12.5 * 1024 * 1024, type: "application/pdf" })).toBe(
      "The selected file must be smaller than 10 MB; it is 12.5 MB",
    );
  });
});

describe("fileSize", () => {
  it.each([
    [12, "12 bytes"],
    [2048, "2 KB"],
    [1024 * 1024, "1 MB"],
    [1.25 * 1024 * 1024, "1.3 MB"],
  ])("%i bytes as %s", (bytes, words) => {
    expect(fileSize(bytes)).toBe(words);
  });
});
