"use client";
/**
 * The console's current team, for every page: `?team=<id>` in the URL (shareable links), else the
 * team last chosen in this browser (localStorage), else the first team the caller can see.
 */
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useState } from "react";
import { useEndpointQuery } from "@/lib/api-client";
import { listTeams, type TeamView } from "./contract";
import { chooseTeamId, TEAM_STORAGE_KEY, withTeam } from "./team-selection";

function readRemembered(): string | null {
  try {
    return window.localStorage.getItem(TEAM_STORAGE_KEY);
  } catch {
    return null;
  }
}

export function rememberTeam(teamId: string) {
  try {
    window.localStorage.setItem(TEAM_STORAGE_KEY, teamId);
  } catch {
    // Storage can be unavailable (private mode); the URL still carries the team.
  }
}

export function useCurrentTeam() {
  const teamsQuery = useEndpointQuery(listTeams);
  const searchParams = useSearchParams();
  const pathname = usePathname();
  const router = useRouter();
  const [remembered, setRemembered] = useState<string | null>(null);
  useEffect(() => setRemembered(readRemembered()), []);

  const teams: TeamView[] = teamsQuery.data?.teams ?? [];
  const fromUrl = searchParams.get("team");
  const teamId = chooseTeamId(
    teams.map((t) => t.id),
    fromUrl,
    remembered,
  );
  const team = teams.find((t) => t.id === teamId) ?? null;

  useEffect(() => {
    if (team && fromUrl === team.id) rememberTeam(team.id);
  }, [team, fromUrl]);

  const select = useCallback(
    (id: string) => {
      rememberTeam(id);
      setRemembered(id);
      router.replace(withTeam(pathname ?? "/", searchParams.toString(), id));
    },
    [router, pathname, searchParams],
  );

  return {
    team,
    teams,
    /** The caller may create teams (the instance owner, or anyone if the instance settings say so). */
    canCreateTeams: teamsQuery.data?.canCreateTeams ?? false,
    isLoading: teamsQuery.isLoading,
    error: teamsQuery.error,
    refetch: teamsQuery.refetch,
    select,
  };
}
