"use client";
import { TeamGate } from "../teams/team-gate";
import { OverviewDashboard } from "./overview-dashboard";

export function OverviewPage({ curlExample }: { curlExample: string }) {
  return (
    <TeamGate>{(team) => <OverviewDashboard team={team} curlExample={curlExample} />}</TeamGate>
  );
}
