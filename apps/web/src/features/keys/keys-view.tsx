"use client";

import { useState } from "react";
import { EmptyState } from "@/components/empty-state";
import { ErrorNote } from "@/components/error-note";
import { QueryState } from "@/components/query-state";
import {
  cardClass,
  dangerButtonClass,
  secondaryButtonClass,
  wrapAnywhereClass,
} from "@/components/styles";
import { TableHead } from "@/components/table-head";
import { TruncatedText } from "@/components/truncated-text";
import { useEndpointMutation, useEndpointQuery } from "@/lib/api-client";
import { roleRank } from "@/lib/contract";
import { formatDate } from "@/lib/format-date";
import type { TeamView } from "../teams/contract";
import { type ApiKeyView, listKeys, revokeKey } from "./contract";
import { CreateKeyForm } from "./create-key-form";
import { formatUsd } from "./format";
import { KeyRotatePanel } from "./key-rotate-panel";
import { KeyTagsEditor } from "./key-tags-editor";

/**
 * Below md each key is a card: the table's rows, cells and body become blocks (one DOM for both
 * layouts), the header row is hidden and the short cells carry their own label.
 */
const cell = "px-4 py-2 max-md:block max-md:px-0 max-md:py-0.5";

function CardLabel({ children }: { children: string }) {
  return <span className="mr-1 text-xs text-slate-500 md:hidden">{children}:</span>;
}

const statusClass: Record<ApiKeyView["status"], string> = {
  active: "bg-emerald-50 text-emerald-700",
  expired: "bg-amber-50 text-amber-800",
  revoked: "bg-slate-100 text-slate-600",
};

export function KeysView({ team, userId }: { team: TeamView; userId: string }) {
  const keys = useEndpointQuery(listKeys, { params: { teamId: team.id } });
  const revoke = useEndpointMutation(revokeKey, { invalidates: [listKeys] });
  const [rotatingId, setRotatingId] = useState<string | null>(null);
  const rotating = keys.data?.keys.find((key) => key.id === rotatingId);
  const canCreate = roleRank[team.role] >= roleRank.member;
  /** Who may revoke a key may also change its tags: its creator (a member) or an admin. */
  const canRevoke = (key: ApiKeyView) =>
    key.status !== "revoked" &&
    (roleRank[team.role] >= roleRank.admin || (canCreate && key.createdById === userId));

  return (
    <div className="space-y-6">
      {canCreate ? (
        <section className={cardClass} aria-labelledby="create-key-title">
          <h2 id="create-key-title" className="mb-4 text-base font-semibold">
            Create a key
          </h2>
          <CreateKeyForm teamId={team.id} />
        </section>
      ) : (
        <p className="text-sm text-slate-500" data-testid="read-only-note">
          You are a viewer in {team.name}: you can see the keys but not create or revoke them.
        </p>
      )}
      {rotating ? (
        <KeyRotatePanel
          key={rotating.id}
          teamId={team.id}
          apiKey={rotating}
          onClose={() => setRotatingId(null)}
        />
      ) : null}
      <section aria-labelledby="keys-title">
        <h2 id="keys-title" className="mb-3 text-base font-semibold">
          Keys of {team.name}
        </h2>
        <QueryState
          query={keys}
          loadingLabel="Loading keys…"
          isEmpty={keys.data?.keys.length === 0}
          empty={
            <EmptyState title="No API keys yet">
              <p>
                Keys let applications call the gateway. Create one above; its secret is shown once.
              </p>
            </EmptyState>
          }
        >
          <div className="relative overflow-x-auto rounded-xl border border-slate-200 bg-white">
            <table className="min-w-full text-left text-sm max-md:block" data-testid="keys-table">
              <TableHead
                className="bg-slate-50 text-xs uppercase text-slate-500 max-md:hidden"
                cellClassName="px-4 py-2"
                lastCellClassName="px-4 py-2"
                columns={[
                  "Name",
                  "Key",
                  "Models",
                  "Status",
                  "Expires",
                  "Last used",
                  { label: "Spend this month", className: "px-4 py-2 text-right" },
                  { label: "Actions", srOnly: true },
                ]}
              />
              <tbody className="divide-y divide-slate-100 max-md:block">
                {keys.data?.keys.map((key) => (
                  <tr
                    key={key.id}
                    data-testid="key-row"
                    className="max-md:block max-md:px-4 max-md:py-3"
                  >
                    <td className={`${cell} font-medium`}>
                      <TruncatedText text={key.name} className="max-w-64" />
                      <div className="text-xs font-normal text-slate-500">
                        {key.createdBy ?? "unknown creator"}
                        {key.rpmLimit !== null ? ` · ${key.rpmLimit} rpm` : ""}
                        {key.tpmLimit !== null ? ` · ${key.tpmLimit} tpm` : ""}
                        {key.learningOptOut ? " · no calibration" : ""}
                      </div>
                      {key.tags.length > 0 ? (
                        <div
                          className={`max-w-64 font-mono text-xs font-normal text-slate-500 ${wrapAnywhereClass}`}
                        >
                          {key.tags.join(", ")}
                        </div>
                      ) : null}
                      {canRevoke(key) ? <KeyTagsEditor teamId={team.id} apiKey={key} /> : null}
                    </td>
                    <td className={`${cell} font-mono text-xs whitespace-nowrap`}>
                      <CardLabel>Key</CardLabel>
                      {key.prefix}…
                      {key.previousSecretExpiresAt && key.status === "active" ? (
                        <div
                          className="font-sans text-xs whitespace-normal text-amber-800"
                          data-testid="previous-secret"
                        >
                          Old secret works until {formatDate(key.previousSecretExpiresAt)}
                        </div>
                      ) : null}
                    </td>
                    <td className={`${cell} min-w-32 max-w-64 text-xs ${wrapAnywhereClass}`}>
                      <CardLabel>Models</CardLabel>
                      {key.scopes.length === 0 ? "All models" : key.scopes.join(", ")}
                    </td>
                    <td className={cell}>
                      <CardLabel>Status</CardLabel>
                      <span
                        className={`rounded-full px-2 py-0.5 text-xs ${statusClass[key.status]}`}
                      >
                        {key.status}
                      </span>
                    </td>
                    <td className={`${cell} whitespace-nowrap`}>
                      <CardLabel>Expires</CardLabel>
                      {formatDate(key.expiresAt, "Never")}
                    </td>
                    <td className={`${cell} whitespace-nowrap`}>
                      <CardLabel>Last used</CardLabel>
                      {formatDate(key.lastUsedAt, "Never")}
                    </td>
                    <td className={`${cell} text-right tabular-nums max-md:text-left`}>
                      <CardLabel>Spend this month</CardLabel>
                      {formatUsd(key.monthSpendUsd)}
                    </td>
                    <td className={`${cell} text-right max-md:pt-2 max-md:text-left`}>
                      {canRevoke(key) ? (
                        <div className="flex justify-end gap-2 max-md:justify-start">
                          <button
                            type="button"
                            className={secondaryButtonClass}
                            aria-label={`Rotate ${key.name}`}
                            onClick={() => setRotatingId(key.id)}
                          >
                            Rotate
                          </button>
                          <button
                            type="button"
                            className={dangerButtonClass}
                            disabled={revoke.isPending}
                            aria-label={`Revoke ${key.name}`}
                            onClick={() => {
                              if (
                                window.confirm(
                                  `Revoke "${key.name}"? Calls with it will fail at once.`,
                                )
                              ) {
                                revoke.mutate({ params: { teamId: team.id, keyId: key.id } });
                              }
                            }}
                          >
                            Revoke
                          </button>
                        </div>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </QueryState>
        {revoke.error ? <ErrorNote error={revoke.error} /> : null}
      </section>
    </div>
  );
}
