"use client";

import { Suspense } from "react";
import { Loading } from "@/components/loading";
import { TeamGate } from "../teams/team-gate";
import { LearningView } from "./learning-view";

export function LearningPage() {
  return (
    <Suspense fallback={<Loading label="Loading…" />}>
      <TeamGate>{(team) => <LearningView key={team.id} team={team} />}</TeamGate>
    </Suspense>
  );
}
