"use client";

import { Suspense } from "react";
import { Loading } from "@/components/loading";
import { TeamGate } from "../teams/team-gate";
import { BudgetsView } from "./budgets-view";

export function BudgetsPage() {
  return (
    <Suspense fallback={<Loading label="Loading…" />}>
      <TeamGate>{(team) => <BudgetsView key={team.id} team={team} />}</TeamGate>
    </Suspense>
  );
}
