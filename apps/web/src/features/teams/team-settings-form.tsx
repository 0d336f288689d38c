"use client";

import { useId, useState } from "react";
import { ErrorNote } from "@/components/error-note";
import { FieldError, fieldError } from "@/components/field-error";
import { buttonClass, inputClass, labelClass } from "@/components/styles";
import { useEndpointMutation } from "@/lib/api-client";
import { roleRank } from "@/lib/contract";
import { listTeams, type TeamView, updateTeamSettings } from "./contract";

export function TeamSettingsForm({ team }: { team: TeamView }) {
  const id = useId();
  const canEdit = roleRank[team.role] >= roleRank.admin;
  const [name, setName] = useState(team.name);
  const [defaultModel, setDefaultModel] = useState(team.defaultModel ?? "");
  const [contentLogging, setContentLogging] = useState(team.contentLogging);
  const [failMode, setFailMode] = useState(team.failMode);
  const [timeZone, setTimeZone] = useState(team.timeZone);
  const [saved, setSaved] = useState(false);
  const mutation = useEndpointMutation(updateTeamSettings, {
    invalidates: [listTeams],
    onSuccess: () => setSaved(true),
  });
  const errorFor = (field: string) => fieldError(mutation.error, field);

  return (
    <form
      aria-label="Team settings"
      className="grid gap-4 sm:grid-cols-2"
      onSubmit={(event) => {
        event.preventDefault();
        setSaved(false);
        mutation.mutate({
          params: { teamId: team.id },
          body: {
            name,
            defaultModel: defaultModel.trim() || null,
            contentLogging,
            failMode,
            timeZone,
          },
        });
      }}
    >
      <fieldset disabled={!canEdit} className="contents">
        <div>
          <label htmlFor={`${id}-name`} className={labelClass}>
            Name
          </label>
          <input
            id={`${id}-name`}
            className={inputClass}
            value={name}
            onChange={(event) => setName(event.target.value)}
            required
            aria-describedby={`${id}-name-error`}
          />
          <FieldError id={`${id}-name-error`} message={errorFor("name")} />
        </div>
        <div>
          <label htmlFor={`${id}-model`} className={labelClass}>
            Default model (when no policy is published)
          </label>
          <input
            id={`${id}-model`}
            className={inputClass}
            value={defaultModel}
            onChange={(event) => setDefaultModel(event.target.value)}
            placeholder="e.g. gpt-4o-mini"
          />
        </div>
        <div>
          <label htmlFor={`${id}-tz`} className={labelClass}>
            Time zone (budget periods, dashboards)
          </label>
          <input
            id={`${id}-tz`}
            className={inputClass}
            value={timeZone}
            onChange={(event) => setTimeZone(event.target.value)}
            aria-describedby={`${id}-tz-error`}
          />
          <FieldError id={`${id}-tz-error`} message={errorFor("timeZone")} />
        </div>
        <div>
          <label htmlFor={`${id}-fail`} className={labelClass}>
            When budgets or limits cannot be checked
          </label>
          <select
            id={`${id}-fail`}
            className={inputClass}
            value={failMode}
            onChange={(event) => setFailMode(event.target.value as "open" | "closed")}
          >
            <option value="closed">Fail closed: refuse requests</option>
            <option value="open">Fail open: let requests through</option>
          </select>
        </div>
        <label className="flex items-center gap-2 text-sm sm:col-span-2">
          <input
            type="checkbox"
            checked={contentLogging}
            onChange={(event) => setContentLogging(event.target.checked)}
          />
          Store prompt and completion text in the request log
        </label>
        {canEdit ? (
          <div className="flex flex-wrap items-center gap-3 sm:col-span-2">
            <button type="submit" className={buttonClass} disabled={mutation.isPending}>
              {mutation.isPending ? "Saving…" : "Save settings"}
            </button>
            {saved ? (
              <span role="status" className="text-sm text-emerald-700">
                Saved.
              </span>
            ) : null}
            {mutation.error && mutation.error.issues.length === 0 ? (
              <ErrorNote error={mutation.error} />
            ) : null}
          </div>
        ) : (
          <p className="text-sm text-slate-500 sm:col-span-2">
            Only the team&apos;s admins and owners can change these settings.
          </p>
        )}
      </fieldset>
    </form>
  );
}
