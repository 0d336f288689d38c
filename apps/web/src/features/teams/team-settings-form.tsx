"use client";

import { useId, useState } from "react";
import { ErrorNote } from "@/components/error-note";
import { useFieldErrors } from "@/components/field-error";
import { SelectField } from "@/components/select-field";
import { SubmitButton } from "@/components/submit-button";
import { TextField } from "@/components/text-field";
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
  const [responseStorage, setResponseStorage] = useState(team.responseStorage);
  const [retentionDays, setRetentionDays] = useState(String(team.responseRetentionDays));
  const [saved, setSaved] = useState(false);
  const mutation = useEndpointMutation(updateTeamSettings, {
    invalidates: [listTeams],
    onSuccess: () => setSaved(true),
  });
  const { errorFor, changed } = useFieldErrors(mutation.error);

  return (
    <form
      aria-label="Team settings"
      className="grid gap-4 sm:grid-cols-2"
      onSubmit={(event) => {
        event.preventDefault();
        setSaved(false);
        mutation.submit({
          params: { teamId: team.id },
          body: {
            name,
            defaultModel: defaultModel.trim() || null,
            contentLogging,
            failMode,
            timeZone,
            responseStorage,
            responseRetentionDays: Number(retentionDays),
          },
        });
      }}
    >
      <fieldset disabled={!canEdit} className="contents">
        <TextField
          id={`${id}-name`}
          label="Name"
          value={name}
          onChange={(event) => {
            setName(event.target.value);
            changed("name");
          }}
          required
          error={errorFor("name")}
        />
        <TextField
          id={`${id}-model`}
          label="Default model (when no policy is published)"
          value={defaultModel}
          onChange={(event) => setDefaultModel(event.target.value)}
          placeholder="e.g. gpt-4o-mini"
        />
        <TextField
          id={`${id}-tz`}
          label="Time zone (budget periods, dashboards)"
          value={timeZone}
          onChange={(event) => {
            setTimeZone(event.target.value);
            changed("timeZone");
          }}
          error={errorFor("timeZone")}
        />
        <SelectField
          id={`${id}-fail`}
          label="When budgets or limits cannot be checked"
          value={failMode}
          onChange={(event) => setFailMode(event.target.value as "open" | "closed")}
        >
          <option value="closed">Fail closed: refuse requests</option>
          <option value="open">Fail open: let requests through</option>
        </SelectField>
        <label className="flex items-center gap-2 text-sm sm:col-span-2">
          <input
            type="checkbox"
            checked={contentLogging}
            onChange={(event) => setContentLogging(event.target.checked)}
          />
          Store prompt and completion text in the request log
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            checked={responseStorage}
            onChange={(event) => setResponseStorage(event.target.checked)}
          />
          Keep Responses API answers that ask to be stored (store, previous_response_id)
        </label>
        <TextField
          id={`${id}-retention`}
          label="Keep stored responses for (days)"
          type="number"
          min={1}
          max={3650}
          value={retentionDays}
          onChange={(event) => {
            setRetentionDays(event.target.value);
            changed("responseRetentionDays");
          }}
          error={errorFor("responseRetentionDays")}
        />
        {canEdit ? (
          <div className="flex flex-wrap items-center gap-3 sm:col-span-2">
            <SubmitButton pending={mutation.isPending} pendingLabel="Saving…">
              Save settings
            </SubmitButton>
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
