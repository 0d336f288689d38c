"use client";

import { useId, useState } from "react";
import { ErrorNote } from "@/components/error-note";
import { FieldError, fieldError } from "@/components/field-error";
import { Loading } from "@/components/loading";
import { SecretOnce } from "@/components/secret-once";
import { buttonClass, dangerButtonClass, inputClass, labelClass } from "@/components/styles";
import { useEndpointMutation, useEndpointQuery } from "@/lib/api-client";
import { roleRank } from "@/lib/contract";
import { formatDate } from "@/lib/format-date";
import type { TeamView } from "../teams/contract";
import { createInvite, type InviteView, listInvites, revokeInvite } from "./contract";

const stateOf = (invite: InviteView) =>
  invite.acceptedAt ? "accepted" : new Date(invite.expiresAt) <= new Date() ? "expired" : "open";

export function InvitesView({ team }: { team: TeamView }) {
  const id = useId();
  const [email, setEmail] = useState("");
  const [role, setRole] = useState("member");
  const [link, setLink] = useState<string | null>(null);
  const invites = useEndpointQuery(listInvites, { params: { teamId: team.id } });
  const create = useEndpointMutation(createInvite, {
    invalidates: [listInvites],
    onSuccess: (data) => {
      setLink(`${window.location.origin}${data.path}`);
      setEmail("");
    },
  });
  const revoke = useEndpointMutation(revokeInvite, { invalidates: [listInvites] });
  const emailError = fieldError(create.error, "email");

  return (
    <div className="space-y-4">
      {link ? (
        <SecretOnce title="Invite link" secret={link} onDismiss={() => setLink(null)}>
          <p className="mt-2 text-xs text-amber-900">
            Send it to the person you invited. It works once and expires in 7 days.
          </p>
        </SecretOnce>
      ) : null}
      <form
        aria-label="Invite someone"
        className="flex flex-col gap-3 sm:flex-row sm:items-end"
        onSubmit={(event) => {
          event.preventDefault();
          create.mutate({ params: { teamId: team.id }, body: { email, role } });
        }}
      >
        <div className="flex-1">
          <label htmlFor={`${id}-email`} className={labelClass}>
            Email
          </label>
          <input
            id={`${id}-email`}
            type="email"
            className={inputClass}
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            required
            aria-describedby={`${id}-email-error`}
          />
          <FieldError id={`${id}-email-error`} message={emailError} />
        </div>
        <div>
          <label htmlFor={`${id}-role`} className={labelClass}>
            Role
          </label>
          <select
            id={`${id}-role`}
            className={inputClass}
            value={role}
            onChange={(event) => setRole(event.target.value)}
          >
            {team.role === "owner" ? <option value="owner">owner</option> : null}
            <option value="admin">admin</option>
            <option value="member">member</option>
            <option value="viewer">viewer</option>
          </select>
        </div>
        <button type="submit" className={buttonClass} disabled={create.isPending}>
          {create.isPending ? "Creating…" : "Create invite link"}
        </button>
      </form>
      {create.error && !emailError ? <ErrorNote error={create.error} /> : null}
      {invites.isLoading ? (
        <Loading label="Loading invites…" />
      ) : invites.error ? (
        <ErrorNote error={invites.error} onRetry={() => void invites.refetch()} />
      ) : invites.data?.invites.length === 0 ? (
        <p className="text-sm text-slate-500">No invites yet.</p>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white">
          {invites.data?.invites.map((invite) => {
            const state = stateOf(invite);
            return (
              <li
                key={invite.id}
                data-testid="invite-row"
                className="flex flex-col gap-2 px-4 py-3 text-sm sm:flex-row sm:items-center"
              >
                <div className="min-w-0 flex-1">
                  <p className="truncate font-medium">{invite.email}</p>
                  <p className="text-xs text-slate-500">
                    {invite.role} · {state}
                    {state === "open" ? ` until ${formatDate(invite.expiresAt)}` : ""}
                    {invite.createdBy ? ` · by ${invite.createdBy}` : ""}
                  </p>
                </div>
                {state !== "accepted" && roleRank[team.role] >= roleRank.admin ? (
                  <button
                    type="button"
                    className={dangerButtonClass}
                    aria-label={`Withdraw the invite for ${invite.email}`}
                    disabled={revoke.isPending}
                    onClick={() =>
                      revoke.mutate({ params: { teamId: team.id, inviteId: invite.id } })
                    }
                  >
                    Withdraw
                  </button>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
      <ErrorNote error={revoke.error} />
    </div>
  );
}
