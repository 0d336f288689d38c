"use client";

import { useEffect, useId, useRef, useState } from "react";
import { secondaryButtonClass } from "@/components/styles";
import { CreateTeamForm } from "./create-team-form";
import { useCurrentTeam } from "./use-current-team";

/** The header's team picker: switches `?team=` (remembered in this browser) and creates teams. */
export function TeamSwitcher() {
  const id = useId();
  const { team, teams, canCreateTeams, isLoading, error, select } = useCurrentTeam();
  const [creating, setCreating] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    if (creating) dialog.current?.showModal();
    else dialog.current?.close();
  }, [creating]);

  return (
    <div className="flex min-w-0 items-center gap-2">
      <label htmlFor={`${id}-team`} className="text-sm text-slate-600">
        Team
      </label>
      {isLoading ? (
        <span className="text-sm text-slate-500">Loading…</span>
      ) : error ? (
        <span className="text-sm text-red-700">Teams could not be loaded</span>
      ) : (
        <select
          id={`${id}-team`}
          data-testid="team-switcher"
          className="min-w-0 max-w-48 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
          value={team?.id ?? ""}
          onChange={(event) => select(event.target.value)}
          disabled={teams.length === 0}
        >
          {teams.length === 0 ? <option value="">No team yet</option> : null}
          {teams.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
      )}
      {canCreateTeams ? (
        <button type="button" className={secondaryButtonClass} onClick={() => setCreating(true)}>
          New team
        </button>
      ) : null}
      <dialog
        ref={dialog}
        aria-labelledby={`${id}-dialog-title`}
        onClose={() => setCreating(false)}
        className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-xl p-6 shadow-xl backdrop:bg-slate-900/40"
      >
        <h2 id={`${id}-dialog-title`} className="mb-4 text-lg font-semibold">
          Create a team
        </h2>
        <p className="mb-4 text-sm text-slate-500">You become the team&apos;s owner.</p>
        {creating ? (
          <CreateTeamForm
            onCreated={(created) => {
              setCreating(false);
              select(created.id);
            }}
          />
        ) : null}
        <button
          type="button"
          className="mt-4 text-sm text-slate-600 underline"
          onClick={() => setCreating(false)}
        >
          Cancel
        </button>
      </dialog>
    </div>
  );
}
