"use client";

import { Suspense } from "react";
import { TeamGate } from "../teams/team-gate";
import { Loading } from "../teams/ui";
import { ProvidersView } from "./providers-view";

export function ProvidersPage({ isInstanceOwner }: { isInstanceOwner: boolean }) {
  return (
    <Suspense fallback={<Loading label="Loading…" />}>
      <TeamGate>
        {(team) => <ProvidersView key={team.id} team={team} isInstanceOwner={isInstanceOwner} />}
      </TeamGate>
    </Suspense>
  );
}
