import { useState } from "react";
import type { ApiKeyIssued } from "../../api/client";
import { SuccessBanner } from "../NotificationBanner";

/** The new key's secret, shown this once: the API keeps only a hash of it. */
export function IssuedKeyBanner({ apiKey }: { apiKey: ApiKeyIssued }) {
  const [copied, setCopied] = useState<boolean | null>(null);
  // navigator.clipboard is missing where the page is not a secure context.
  const canCopy = typeof navigator !== "undefined" && "clipboard" in navigator;
  return (
    <SuccessBanner heading={`Key ‘${apiKey.name}’ issued`}>
      <p className="govuk-body">
        <strong>Copy it now: it will not be shown again.</strong> Store it where its system keeps secrets.
      </p>
      <p className="govuk-body">
        <code className="app-secret" id="issued-key-secret">
          {apiKey.secret}
        </code>
      </p>
      {canCopy && (
        <p className="govuk-body">
          <button
            type="button"
            className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
            onClick={() => {
              navigator.clipboard.writeText(apiKey.secret).then(
                () => {
                  setCopied(true);
                },
                () => {
                  setCopied(false);
                },
              );
            }}
          >
            Copy the key
          </button>{" "}
          <span role="status">
            {copied === true ? "Copied." : copied === false ? "It could not be copied: select it and copy it instead." : ""}
          </span>
        </p>
      )}
    </SuccessBanner>
  );
}
