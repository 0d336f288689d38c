"use client";
/**
 * The instance owner's settings: who may create teams, and which teams may use the
 * instance-shared provider connections (the credentials the owner pays for) and their models.
 */
import { useId, useState } from "react";
import { ErrorNote } from "@/components/error-note";
import { QueryState } from "@/components/query-state";
import { SelectField } from "@/components/select-field";
import { TableHead } from "@/components/table-head";
import { useEndpointMutation, useEndpointQuery } from "@/lib/api-client";
import { listModels } from "../models/contract";
import { listConnections } from "../providers/contract";
import { listTeams } from "../teams/contract";
import {
  getInstanceSettings,
  type SharedAccessTeam,
  setTeamSharedConnections,
  type TeamCreation,
  teamCreationSchema,
  updateInstanceSettings,
} from "./contract";

const invalidates = [getInstanceSettings, listTeams, listConnections, listModels];

function SharedAccessRow({ team }: { team: SharedAccessTeam }) {
  const toggle = useEndpointMutation(setTeamSharedConnections, { invalidates });
  // Shown at once, while the change is saved and the list reloads.
  const [wanted, setWanted] = useState(team.sharedConnectionsAllowed);
  const allowed = toggle.isPending ? wanted : team.sharedConnectionsAllowed;
  return (
    <tr className="border-t border-slate-100" data-testid="shared-access-row">
      <td className="py-2 pr-3">{team.name}</td>
      <td className="py-2">
        <label className="flex items-center gap-2">
          <input
            type="checkbox"
            checked={allowed}
            disabled={toggle.isPending}
            onChange={(event) => {
              setWanted(event.target.checked);
              toggle.mutate({
                params: { teamId: team.id },
                body: { allowed: event.target.checked },
              });
            }}
          />
          <span className="sr-only">{team.name} may use the shared connections</span>
          <span aria-hidden="true">{allowed ? "Allowed" : "Not allowed"}</span>
        </label>
        {toggle.error ? <ErrorNote error={toggle.error} /> : null}
      </td>
    </tr>
  );
}

export function InstanceSettingsView() {
  const id = useId();
  const query = useEndpointQuery(getInstanceSettings);
  const update = useEndpointMutation(updateInstanceSettings, { invalidates });
  const [wanted, setWanted] = useState<TeamCreation>("instance_owner");
  return (
    <QueryState query={query} loadingLabel="Loading the instance settings…">
      {query.data ? (
        <div className="space-y-5">
          <SelectField
            id={`${id}-creation`}
            label="Who may create teams"
            className="max-w-sm"
            value={update.isPending ? wanted : query.data.settings.teamCreation}
            disabled={update.isPending}
            onChange={(event) => {
              const teamCreation = teamCreationSchema.parse(event.target.value);
              setWanted(teamCreation);
              update.mutate({ body: { teamCreation } });
            }}
          >
            <option value="instance_owner">Only the instance owner</option>
            <option value="any_user">Any signed-in user</option>
          </SelectField>
          {update.error ? <ErrorNote error={update.error} /> : null}
          <div>
            <h3 className="text-sm font-semibold">Teams that may use the shared connections</h3>
            <p className="mb-2 text-sm text-slate-500">
              Shared connections&apos; credentials are the instance&apos;s: only the teams you allow
              here can route to their models. Teams you create are allowed from the start.
            </p>
            <div className="relative overflow-x-auto">
              <table className="w-full text-left text-sm">
                <TableHead columns={["Team", "Shared connections"]} className="text-slate-500" />
                <tbody>
                  {query.data.teams.map((team) => (
                    <SharedAccessRow key={team.id} team={team} />
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        </div>
      ) : null}
    </QueryState>
  );
}
