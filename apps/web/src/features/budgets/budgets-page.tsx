"use client";

import { Suspense } from "react";
import { TeamGate } from "../teams/team-gate";
import { Loading } from "../teams/ui";
import { BudgetsView } from "./budgets-view";

export function BudgetsPage() {
  return (
    <Suspense fallback={<Loading label="Loading…" />}>
      <TeamGate>{(team) => <BudgetsView key={team.id} team={team} />}</TeamGate>
    </Suspense>
  );
}
