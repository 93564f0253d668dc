import { useState } from "react";

type Props = { id: string; label: string; url: string };

/** An address to paste into a calendar: in a read-only field (select it to copy) and a "Copy" button. */
export function CopyableAddress({ id, label, url }: Props) {
  const [copied, setCopied] = useState<boolean | null>(null);
  // navigator.clipboard is missing where the page is not a secure context.
  const canCopy = typeof navigator !== "undefined" && "clipboard" in navigator;
  return (
    <div className="govuk-form-group">
      <label className="govuk-label govuk-label--s" htmlFor={id}>
        {label}
      </label>
      <input
        className="govuk-input app-copyable"
        id={id}
        type="text"
        readOnly
        value={url}
        spellCheck={false}
        onFocus={(event) => {
          event.currentTarget.select();
        }}
      />
      {canCopy && (
        <p className="govuk-body govuk-!-margin-top-2 govuk-!-margin-bottom-0">
          <button
            type="button"
            className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
            aria-describedby={`${id}-copied`}
            onClick={() => {
              navigator.clipboard.writeText(url).then(
                () => {
                  setCopied(true);
                },
                () => {
                  setCopied(false);
                },
              );
            }}
          >
            Copy the address
          </button>{" "}
          <span role="status" id={`${id}-copied`}>
            {copied === true ? "Copied." : copied === false ? "It could not be copied: select it and copy it instead." : ""}
          </span>
        </p>
      )}
    </div>
  );
}
