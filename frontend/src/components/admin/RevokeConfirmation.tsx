import { useEffect, useRef } from "react";
import type { ApiKey } from "../../api/client";
import { WarningText } from "../WarningText";

type Props = {
  apiKey: ApiKey;
  pending: boolean;
  onConfirm: () => void;
  onCancel: () => void;
};

/** "Revoke ‘…’?": asked before a key stops working for good. Focus moves to the question. */
export function RevokeConfirmation({ apiKey, pending, onConfirm, onCancel }: Props) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  return (
    <section className="app-confirmation" aria-labelledby="revoke-heading">
      <h2 className="govuk-heading-m" id="revoke-heading" tabIndex={-1} ref={heading}>
        Revoke ‘{apiKey.name}’?
      </h2>
      <WarningText>Systems that use this key will stop working at once. You cannot undo this.</WarningText>
      <div className="govuk-button-group">
        <button
          type="button"
          className="govuk-button govuk-button--warning"
          onClick={() => {
            if (!pending) onConfirm();
          }}
        >
          Yes, revoke this key
        </button>
        <button type="button" className="app-link-button govuk-link" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </section>
  );
}
