"use client";

import { Suspense } from "react";
import { TeamGate } from "../teams/team-gate";
import { Loading } from "../teams/ui";
import { PoliciesView } from "./policies-view";

export function PoliciesPage() {
  return (
    <Suspense fallback={<Loading label="Loading…" />}>
      <TeamGate>{(team) => <PoliciesView key={team.id} team={team} />}</TeamGate>
    </Suspense>
  );
}
