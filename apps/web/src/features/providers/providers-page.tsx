"use client";

import { Suspense } from "react";
import { Loading } from "@/components/loading";
import { TeamGate } from "../teams/team-gate";
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
