"use client";

import { ConfirmButton } from "@/components/confirm-button";
import { ErrorNote } from "@/components/error-note";
import { QueryState } from "@/components/query-state";
import { useEndpointMutation, useEndpointQuery } from "@/lib/api-client";
import { type Role, roleRank } from "@/lib/contract";
import type { TeamView } from "../teams/contract";
import { listMembers, removeMember, updateMember } from "./contract";

const roles: Role[] = ["owner", "admin", "member", "viewer"];

export function MembersView({ team, userId }: { team: TeamView; userId: string }) {
  const members = useEndpointQuery(listMembers, { params: { teamId: team.id } });
  const update = useEndpointMutation(updateMember, { invalidates: [listMembers] });
  const remove = useEndpointMutation(removeMember, { invalidates: [listMembers] });
  const isAdmin = roleRank[team.role] >= roleRank.admin;
  const isOwner = team.role === "owner";

  return (
    <QueryState query={members} loadingLabel="Loading members…">
      <div className="space-y-3">
        <ul className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white">
          {members.data?.members.map((member) => {
            // Admins manage members and admins; only owners touch owners.
            const editable = isAdmin && (isOwner || member.role !== "owner");
            const label = member.name ? `${member.name} (${member.email})` : member.email;
            return (
              <li
                key={member.userId}
                data-testid="member-row"
                className="flex flex-col gap-2 px-4 py-3 sm:flex-row sm:items-center"
              >
                <div className="min-w-0 flex-1">
                  <p className="truncate text-sm font-medium">
                    {member.name ?? member.email}
                    {member.userId === userId ? (
                      <span className="ml-2 text-xs text-slate-500">(you)</span>
                    ) : null}
                  </p>
                  <p className="truncate text-xs text-slate-500">{member.email}</p>
                </div>
                {editable ? (
                  <div className="flex items-center gap-2">
                    <label className="sr-only" htmlFor={`role-${member.userId}`}>
                      Role of {label}
                    </label>
                    <select
                      id={`role-${member.userId}`}
                      className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
                      value={member.role}
                      disabled={update.isPending}
                      onChange={(event) =>
                        update.mutate({
                          params: { teamId: team.id, userId: member.userId },
                          body: { role: event.target.value },
                        })
                      }
                    >
                      {roles
                        .filter((role) => isOwner || role !== "owner")
                        .map((role) => (
                          <option key={role} value={role}>
                            {role}
                          </option>
                        ))}
                    </select>
                    <ConfirmButton
                      question={`Remove ${label} from ${team.name}?`}
                      label={`Remove ${label}`}
                      disabled={remove.isPending}
                      onConfirm={() =>
                        remove.mutate({ params: { teamId: team.id, userId: member.userId } })
                      }
                    >
                      Remove
                    </ConfirmButton>
                  </div>
                ) : (
                  <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-700">
                    {member.role}
                  </span>
                )}
              </li>
            );
          })}
        </ul>
        <ErrorNote error={update.error ?? remove.error} />
      </div>
    </QueryState>
  );
}
