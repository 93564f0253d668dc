// The evidence file a school sends with a matched-funding claim, checked in the browser before
// it is sent, so a person hears at once what the API would say: a PDF, PNG or JPEG of at most
// 10 MB. The API decides again from the file's content; these checks only save a wasted upload.

/** The largest evidence file the API takes: 10 MB. */
export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;

/** What the form's file input offers to choose. */
export const EVIDENCE_ACCEPT = ".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg";

const ALLOWED_TYPES = new Set(["application/pdf", "image/png", "image/jpeg"]);
const ALLOWED_ENDINGS = /\.(pdf|png|jpe?g)$/i;

/** The file's size in words: "812 KB", "9.5 MB". */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${String(bytes)} bytes`;
  if (bytes < 1024 * 1024) return `${String(Math.round(bytes / 1024))} KB`;
  const megabytes = bytes / (1024 * 1024);
  return `${megabytes.toFixed(1).replace(/\.0$/, "")} MB`;
}

/** The sentence to show at the field, or null when the file may be sent. */
export function evidenceError(file: { name: string; size: number; type: string } | null): string | null {
  if (!file || file.name === "") return "Select the invoice or receipt, as a PDF, PNG or JPEG";
  // The browser's type comes from the name's ending; an unknown one is left to the API.
  if (!(ALLOWED_TYPES.has(file.type) || (file.type === "" && ALLOWED_ENDINGS.test(file.name)))) {
    return "The selected file must be a PDF, PNG or JPEG";
  }
  if (file.size === 0) return "The selected file is empty";
  if (file.size > MAX_EVIDENCE_BYTES) {
    return `The selected file must be smaller than 10 MB; it is ${fileSize(file.size)}`;
  }
  return null;
}
