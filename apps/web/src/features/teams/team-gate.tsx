"use client";

import type { ReactNode } from "react";
import { EmptyState } from "@/components/empty-state";
import { ErrorNote } from "@/components/error-note";
import { Loading } from "@/components/loading";
import type { TeamView } from "./contract";
import { CreateTeamForm } from "./create-team-form";
import { useCurrentTeam } from "./use-current-team";

/** Renders `children(team)` once the current team is known; loading, error and no-team states. */
export function TeamGate({ children }: { children: (team: TeamView) => ReactNode }) {
  const { team, canCreateTeams, isLoading, error, refetch, select } = useCurrentTeam();
  if (isLoading) return <Loading label="Loading your teams…" />;
  if (error) return <ErrorNote error={error} onRetry={() => void refetch()} />;
  if (!team) {
    return (
      <EmptyState title="You are not in a team yet">
        {canCreateTeams ? (
          <>
            <p>Create a team to start, or ask a team admin for an invite link.</p>
            <CreateTeamForm onCreated={(created) => select(created.id)} />
          </>
        ) : (
          <p>Ask a team admin for an invite link, or the instance owner for a team.</p>
        )}
      </EmptyState>
    );
  }
  return <>{children(team)}</>;
}
