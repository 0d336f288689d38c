"use client";

import { Suspense } from "react";
import { Loading } from "@/components/loading";
import { TeamGate } from "../teams/team-gate";
import { PoliciesView } from "./policies-view";

export function PoliciesPage() {
  return (
    <Suspense fallback={<Loading label="Loading…" />}>
      <TeamGate>{(team) => <PoliciesView key={team.id} team={team} />}</TeamGate>
    </Suspense>
  );
}
