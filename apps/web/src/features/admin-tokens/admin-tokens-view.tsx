"use client";

import { useId, useState } from "react";
import { ErrorNote } from "@/components/error-note";
import { FieldError, fieldError } from "@/components/field-error";
import { Loading } from "@/components/loading";
import { SecretOnce } from "@/components/secret-once";
import { buttonClass, dangerButtonClass, inputClass, labelClass } from "@/components/styles";
import { useEndpointMutation, useEndpointQuery } from "@/lib/api-client";
import { formatDate } from "@/lib/format-date";
import { endOfDayIso } from "../keys/format";
import { createAdminToken, listAdminTokens, revokeAdminToken } from "./contract";

export function AdminTokensView() {
  const id = useId();
  const [name, setName] = useState("");
  const [expiry, setExpiry] = useState("");
  const [secret, setSecret] = useState<string | null>(null);
  const tokens = useEndpointQuery(listAdminTokens);
  const create = useEndpointMutation(createAdminToken, {
    invalidates: [listAdminTokens],
    onSuccess: (data) => {
      setSecret(data.secret);
      setName("");
      setExpiry("");
    },
  });
  const revoke = useEndpointMutation(revokeAdminToken, { invalidates: [listAdminTokens] });

  return (
    <div className="space-y-4">
      {secret ? (
        <SecretOnce title="Your new admin token" secret={secret} onDismiss={() => setSecret(null)}>
          <p className="mt-2 text-xs text-amber-900">
            Send it as <code className="font-mono">Authorization: Bearer …</code> to /api/admin/*.
            It acts with your roles.
          </p>
        </SecretOnce>
      ) : null}
      <form
        aria-label="Create an admin token"
        className="flex flex-col gap-3 sm:flex-row sm:items-end"
        onSubmit={(event) => {
          event.preventDefault();
          create.mutate({ body: { name, expiresAt: expiry ? endOfDayIso(expiry) : null } });
        }}
      >
        <div className="flex-1">
          <label htmlFor={`${id}-name`} className={labelClass}>
            Token name
          </label>
          <input
            id={`${id}-name`}
            className={inputClass}
            value={name}
            onChange={(event) => setName(event.target.value)}
            required
            maxLength={80}
            aria-describedby={`${id}-name-error`}
          />
          <FieldError id={`${id}-name-error`} message={fieldError(create.error, "name")} />
        </div>
        <div>
          <label htmlFor={`${id}-expiry`} className={labelClass}>
            Expires (optional)
          </label>
          <input
            id={`${id}-expiry`}
            type="date"
            className={inputClass}
            value={expiry}
            onChange={(event) => setExpiry(event.target.value)}
            aria-describedby={`${id}-expiry-error`}
          />
          <FieldError id={`${id}-expiry-error`} message={fieldError(create.error, "expiresAt")} />
        </div>
        <button type="submit" className={buttonClass} disabled={create.isPending}>
          {create.isPending ? "Creating…" : "Create token"}
        </button>
      </form>
      {create.error && create.error.issues.length === 0 ? <ErrorNote error={create.error} /> : null}
      {tokens.isLoading ? (
        <Loading label="Loading tokens…" />
      ) : tokens.error ? (
        <ErrorNote error={tokens.error} onRetry={() => void tokens.refetch()} />
      ) : tokens.data?.tokens.length === 0 ? (
        <p className="text-sm text-slate-500">You have no admin tokens.</p>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white">
          {tokens.data?.tokens.map((token) => (
            <li
              key={token.id}
              data-testid="token-row"
              className="flex flex-col gap-2 px-4 py-3 text-sm sm:flex-row sm:items-center"
            >
              <div className="min-w-0 flex-1">
                <p className="font-medium">
                  {token.name}{" "}
                  <span className="font-mono text-xs text-slate-500">{token.prefix}…</span>
                </p>
                <p className="text-xs text-slate-500">
                  {token.revokedAt
                    ? `revoked ${formatDate(token.revokedAt)}`
                    : `expires ${formatDate(token.expiresAt, "never")}`}{" "}
                  · last used {formatDate(token.lastUsedAt, "never")}
                </p>
              </div>
              {token.revokedAt ? null : (
                <button
                  type="button"
                  className={dangerButtonClass}
                  aria-label={`Revoke token ${token.name}`}
                  disabled={revoke.isPending}
                  onClick={() => {
                    if (window.confirm(`Revoke the token "${token.name}"?`)) {
                      revoke.mutate({ params: { tokenId: token.id } });
                    }
                  }}
                >
                  Revoke
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <ErrorNote error={revoke.error} />
    </div>
  );
}
