/** Which team a console page shows: the URL's `?team=`, else the remembered one, else the first. */
export const TEAM_STORAGE_KEY = "switchyard.team";

export function chooseTeamId(
  teamIds: readonly string[],
  fromUrl: string | null,
  remembered: string | null,
): string | null {
  if (fromUrl && teamIds.includes(fromUrl)) return fromUrl;
  if (remembered && teamIds.includes(remembered)) return remembered;
  return teamIds[0] ?? null;
}

/** The same URL with `team` set, other search parameters kept. */
export function withTeam(pathname: string, search: string, teamId: string): string {
  const params = new URLSearchParams(search);
  params.set("team", teamId);
  return `${pathname}?${params.toString()}`;
}
