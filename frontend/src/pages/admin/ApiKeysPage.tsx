import { useState } from "react";
import { flushSync } from "react-dom";
import { Link, useSearchParams } from "react-router-dom";
import type { ApiKey, ApiKeyCreate, ApiKeyIssued, Problem } from "../../api/client";
import { problemStatus } from "../../api/client";
import {
  API_KEY_PAGE_SIZE,
  useApiKeys,
  useIssueApiKey,
  useRevokeApiKey,
  useSetKeyRateLimit,
} from "../../api/apiKeys";
import { useHubs, useMe } from "../../api/queries";
import { ApiKeyTable, limitButtonId, revokeButtonId } from "../../components/admin/ApiKeyTable";
import { RateLimitForm } from "../../components/admin/RateLimitForm";
import { rateLimitText } from "../../components/admin/rateLimit";
import { IssuedKeyBanner } from "../../components/admin/IssuedKeyBanner";
import { ISSUE_KEY_FIELDS, IssueKeyForm } from "../../components/admin/IssueKeyForm";
import { RevokeConfirmation } from "../../components/admin/RevokeConfirmation";
import { ErrorSummary } from "../../components/ErrorSummary";
import { Layout } from "../../components/Layout";
import { SuccessBanner } from "../../components/NotificationBanner";
import { pageLinks, Pagination } from "../../components/Pagination";
import { pluralise } from "../../format";
import { problemOf } from "../../forms";
import { usePageTitle } from "../../usePageTitle";
import { ForbiddenPage } from "../ForbiddenPage";

/** What just happened, said in a banner at the top of the page. */
type Notice =
  | { kind: "issued"; key: ApiKeyIssued }
  | { kind: "revoked"; key: ApiKey }
  | { kind: "limited"; key: ApiKey };

/** API keys for other systems: the list, revoking one, and issuing a new one. */
export function ApiKeysPage() {
  const me = useMe();
  const [search] = useSearchParams();
  const cursor = search.get("cursor");
  const keys = useApiKeys(cursor);
  const hubs = useHubs();
  const issue = useIssueApiKey();
  const revoke = useRevokeApiKey();
  const setLimit = useSetKeyRateLimit();
  const [limiting, setLimiting] = useState<ApiKey | null>(null);
  const [checks, setChecks] = useState<Problem | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);

  const formProblem = checks ?? problemOf(issue.error);
  const limitProblem = problemOf(setLimit.error);
  const problem = formProblem ?? limitProblem ?? problemOf(revoke.error) ?? problemOf(keys.error);
  usePageTitle("API keys", { error: problem !== null });

  if (!me.data) return null; // RequireRole renders this page only for someone signed in.
  if (problemStatus(keys.error) === 403) {
    return <ForbiddenPage me={me.data} audience="national and hub administrators" />;
  }

  const hubNames = new Map((hubs.data?.items ?? []).map((hub) => [hub.id, hub.name]));
  const page = keys.data;
  const now = new Date();

  function issueKey(body: ApiKeyCreate, form: HTMLFormElement) {
    issue.mutate(body, {
      onSuccess: (issued) => {
        setNotice({ kind: "issued", key: issued });
        setRevoking(null);
        form.reset();
        // The secret now lives only in the banner.
        issue.reset();
      },
    });
  }

  function confirmRevoke(key: ApiKey) {
    revoke.mutate(key.id, {
      onSuccess: (revoked) => {
        setRevoking(null);
        setNotice({ kind: "revoked", key: revoked });
      },
    });
  }

  function saveLimit(key: ApiKey, limit: number | null) {
    setLimit.mutate(
      { keyId: key.id, limit },
      {
        onSuccess: (changed) => {
          setLimiting(null);
          setNotice({ kind: "limited", key: changed });
        },
      },
    );
  }

  function cancelLimit(key: ApiKey) {
    flushSync(() => {
      setLimiting(null);
    });
    setLimit.reset();
    document.getElementById(limitButtonId(key))?.focus();
  }

  function cancelRevoke(key: ApiKey) {
    flushSync(() => {
      setRevoking(null);
    });
    document.getElementById(revokeButtonId(key))?.focus();
  }

  return (
    <Layout>
      {problem && (
        <ErrorSummary
          problem={problem}
          fields={
            formProblem
              ? ISSUE_KEY_FIELDS
              : limitProblem
                ? { "/rate_limit_per_minute": { id: "key_rate_limit", label: "Requests a minute" } }
                : {}
          }
        />
      )}
      {notice?.kind === "issued" && <IssuedKeyBanner key={`issued-${String(notice.key.id)}`} apiKey={notice.key} />}
      {notice?.kind === "revoked" && (
        <SuccessBanner key={`revoked-${String(notice.key.id)}`} heading={`Key ‘${notice.key.name}’ revoked`}>
          <p className="govuk-body">Systems that use it can no longer call the API.</p>
        </SuccessBanner>
      )}
      {notice?.kind === "limited" && (
        <SuccessBanner key={`limited-${String(notice.key.id)}`} heading={`Rate limit of ‘${notice.key.name}’ saved`}>
          <p className="govuk-body">
            {rateLimitText(notice.key.rate_limit_per_minute)}, from its next request.
          </p>
        </SuccessBanner>
      )}
      <h1 className="govuk-heading-xl">API keys</h1>
      <p className="govuk-body-l">
        Keys let your hub&apos;s other systems use the API. Each key may do only what you choose for it.
      </p>
      <p className="govuk-body">
        <Link className="govuk-link" to="/developers">
          How to use a key
        </Link>{" "}
        is explained for developers.{" "}
        <Link className="govuk-link" to="/admin/webhooks">
          Webhooks
        </Link>{" "}
        tell your systems of changes as they happen.
      </p>

      <h2 className="govuk-heading-m" id="keys-heading">
        {page ? keysCount(page.items.length, cursor !== null || page.next_cursor !== null) : "Keys"}
      </h2>
      {keys.isPending && (
        <p className="govuk-body" role="status">
          Loading keys…
        </p>
      )}
      {revoking && (
        <RevokeConfirmation
          apiKey={revoking}
          pending={revoke.isPending}
          onConfirm={() => {
            confirmRevoke(revoking);
          }}
          onCancel={() => {
            cancelRevoke(revoking);
          }}
        />
      )}
      {limiting && (
        <RateLimitForm
          key={limiting.id}
          apiKey={limiting}
          pending={setLimit.isPending}
          serverError={limitProblem?.errors?.find((e) => e.pointer === "/rate_limit_per_minute")?.detail}
          onSave={(limit) => {
            saveLimit(limiting, limit);
          }}
          onCancel={() => {
            cancelLimit(limiting);
          }}
        />
      )}
      {page && page.items.length === 0 && <p className="govuk-body">There are no keys yet.</p>}
      {page && page.items.length > 0 && (
        <ApiKeyTable
          keys={page.items}
          hubNames={hubNames}
          now={now}
          onRevoke={(key) => {
            revoke.reset();
            setLimiting(null);
            setRevoking(key);
          }}
          onChangeLimit={(key) => {
            setLimit.reset();
            setRevoking(null);
            setLimiting(key);
          }}
        />
      )}
      {page && <Pagination {...pageLinks(search, page.next_cursor)} />}

      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h2 className="govuk-heading-m govuk-!-margin-top-6">Issue a key</h2>
          <IssueKeyForm
            me={me.data}
            hubs={hubs.data?.items ?? []}
            problem={formProblem}
            pending={issue.isPending}
            onChecked={(found) => {
              setChecks(found);
              if (found) issue.reset();
            }}
            onSubmit={issueKey}
          />
        </div>
      </div>
    </Layout>
  );
}

function keysCount(count: number, paged: boolean): string {
  const keys = pluralise(count, "key");
  return paged ? `${keys} on this page (${String(API_KEY_PAGE_SIZE)} a page)` : keys;
}
