"use client";

import { Suspense } from "react";
import { Loading } from "@/components/loading";
import { TeamGate } from "../teams/team-gate";
import { KeysView } from "./keys-view";

export function KeysPage({ userId }: { userId: string }) {
  return (
    <Suspense fallback={<Loading label="Loading…" />}>
      <TeamGate>{(team) => <KeysView key={team.id} team={team} userId={userId} />}</TeamGate>
    </Suspense>
  );
}
