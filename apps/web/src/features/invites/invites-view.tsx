"use client";

import { useId, useState } from "react";
import { ErrorNote } from "@/components/error-note";
import { useFieldErrors } from "@/components/field-error";
import { QueryState } from "@/components/query-state";
import { SecretOnce } from "@/components/secret-once";
import { SelectField } from "@/components/select-field";
import { dangerButtonClass } from "@/components/styles";
import { SubmitButton } from "@/components/submit-button";
import { TextField } from "@/components/text-field";
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
  const fields = useFieldErrors(create.error);
  const emailError = fields.errorFor("email");

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
          create.submit({ params: { teamId: team.id }, body: { email, role } });
        }}
      >
        <TextField
          id={`${id}-email`}
          label="Email"
          className="flex-1"
          type="email"
          value={email}
          onChange={(event) => {
            setEmail(event.target.value);
            fields.changed("email");
          }}
          required
          error={emailError}
        />
        <SelectField
          id={`${id}-role`}
          label="Role"
          value={role}
          onChange={(event) => setRole(event.target.value)}
        >
          {team.role === "owner" ? <option value="owner">owner</option> : null}
          <option value="admin">admin</option>
          <option value="member">member</option>
          <option value="viewer">viewer</option>
        </SelectField>
        <SubmitButton pending={create.isPending} pendingLabel="Creating…">
          Create invite link
        </SubmitButton>
      </form>
      {create.error && !emailError ? <ErrorNote error={create.error} /> : null}
      <QueryState
        query={invites}
        loadingLabel="Loading invites…"
        isEmpty={invites.data?.invites.length === 0}
        empty={<p className="text-sm text-slate-500">No invites yet.</p>}
      >
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
      </QueryState>
      <ErrorNote error={revoke.error} />
    </div>
  );
}
