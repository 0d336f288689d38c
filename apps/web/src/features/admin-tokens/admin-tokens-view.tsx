"use client";

import { useId, useState } from "react";
import { ConfirmButton } from "@/components/confirm-button";
import { ErrorNote } from "@/components/error-note";
import { useFieldErrors } from "@/components/field-error";
import { QueryState } from "@/components/query-state";
import { SecretOnce } from "@/components/secret-once";
import { SubmitButton } from "@/components/submit-button";
import { TextField } from "@/components/text-field";
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
  const fields = useFieldErrors(create.error);

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
          create.submit({ body: { name, expiresAt: expiry ? endOfDayIso(expiry) : null } });
        }}
      >
        <TextField
          id={`${id}-name`}
          label="Token name"
          className="flex-1"
          value={name}
          onChange={(event) => {
            setName(event.target.value);
            fields.changed("name");
          }}
          required
          maxLength={80}
          error={fields.errorFor("name")}
        />
        <TextField
          id={`${id}-expiry`}
          label="Expires (optional)"
          type="date"
          value={expiry}
          onChange={(event) => {
            setExpiry(event.target.value);
            fields.changed("expiresAt");
          }}
          error={fields.errorFor("expiresAt")}
        />
        <SubmitButton pending={create.isPending} pendingLabel="Creating…">
          Create token
        </SubmitButton>
      </form>
      {create.error && create.error.issues.length === 0 ? <ErrorNote error={create.error} /> : null}
      <QueryState
        query={tokens}
        loadingLabel="Loading tokens…"
        isEmpty={tokens.data?.tokens.length === 0}
        empty={<p className="text-sm text-slate-500">You have no admin tokens.</p>}
      >
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
                <ConfirmButton
                  question={`Revoke the token "${token.name}"?`}
                  label={`Revoke token ${token.name}`}
                  disabled={revoke.isPending}
                  onConfirm={() => revoke.mutate({ params: { tokenId: token.id } })}
                >
                  Revoke
                </ConfirmButton>
              )}
            </li>
          ))}
        </ul>
      </QueryState>
      <ErrorNote error={revoke.error} />
    </div>
  );
}
