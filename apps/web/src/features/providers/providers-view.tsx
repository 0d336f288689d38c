"use client";
import { ErrorNote } from "@/components/error-note";
import { Loading } from "@/components/loading";
import { cardClass } from "@/components/styles";
/** /providers: connections (team and shared), the models table and their health. */
import { useEndpointQuery } from "@/lib/api-client";
import { roleRank } from "@/lib/contract";
import { AddModelForm } from "../models/add-model-form";
import { listModels } from "../models/contract";
import { ModelHealthTable } from "../models/model-health";
import { ModelsTable } from "../models/models-table";
import type { TeamView } from "../teams/contract";
import { ConnectionForm } from "./connection-form";
import { ConnectionList } from "./connection-list";
import { listConnections } from "./contract";

export function ProvidersView({
  team,
  isInstanceOwner,
}: {
  team: TeamView;
  isInstanceOwner: boolean;
}) {
  const connections = useEndpointQuery(listConnections, { params: { teamId: team.id } });
  const models = useEndpointQuery(listModels, { params: { teamId: team.id } });
  const isAdmin = roleRank[team.role] >= roleRank.admin;
  return (
    <div className="space-y-6">
      <section className={cardClass} aria-labelledby="connections-title">
        <h2 id="connections-title" className="mb-3 text-base font-semibold">
          Provider connections
        </h2>
        {team.sharedConnectionsAllowed ? null : (
          <p className="mb-3 text-sm text-slate-500" data-testid="shared-connections-note">
            This team does not use the instance&apos;s shared connections: only its own are listed.
            {isInstanceOwner ? " Allow it under Settings → Instance settings." : ""}
          </p>
        )}
        {connections.isLoading ? <Loading label="Loading connections…" /> : null}
        <ErrorNote error={connections.error} onRetry={() => void connections.refetch()} />
        {connections.data ? (
          <ConnectionList
            teamId={team.id}
            connections={connections.data.connections}
            isAdmin={isAdmin}
            isInstanceOwner={isInstanceOwner}
          />
        ) : null}
        {isAdmin ? (
          <div className="mt-4 border-t border-slate-100 pt-4">
            <h3 className="mb-2 text-sm font-semibold">Add a connection</h3>
            <ConnectionForm teamId={team.id} canShare={isInstanceOwner} />
          </div>
        ) : null}
      </section>
      <section className={cardClass} aria-labelledby="models-title">
        <h2 id="models-title" className="mb-3 text-base font-semibold">
          Models
        </h2>
        {models.isLoading ? <Loading label="Loading models…" /> : null}
        <ErrorNote error={models.error} onRetry={() => void models.refetch()} />
        {models.data ? (
          <ModelsTable
            teamId={team.id}
            models={models.data.models}
            canEdit={(model) => (model.shared ? isInstanceOwner : isAdmin)}
          />
        ) : null}
        {isAdmin && connections.data ? (
          <div className="mt-4 border-t border-slate-100 pt-4">
            <h3 className="mb-2 text-sm font-semibold">Add a model</h3>
            <AddModelForm
              teamId={team.id}
              connections={connections.data.connections.filter((c) => !c.shared || isInstanceOwner)}
            />
          </div>
        ) : null}
      </section>
      <section className={cardClass} aria-labelledby="health-title">
        <h2 id="health-title" className="mb-3 text-base font-semibold">
          Health (last 24 hours)
        </h2>
        <ModelHealthTable teamId={team.id} />
      </section>
    </div>
  );
}
