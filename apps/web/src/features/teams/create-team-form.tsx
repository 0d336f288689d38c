"use client";

import { useId, useState } from "react";
import { ErrorNote } from "@/components/error-note";
import { FieldError, fieldError } from "@/components/field-error";
import { buttonClass, inputClass, labelClass } from "@/components/styles";
import { useEndpointMutation } from "@/lib/api-client";
import { createTeam, listTeams, type TeamView } from "./contract";

export function CreateTeamForm({ onCreated }: { onCreated: (team: TeamView) => void }) {
  const id = useId();
  const [name, setName] = useState("");
  const mutation = useEndpointMutation(createTeam, {
    invalidates: [listTeams],
    onSuccess: (data) => {
      setName("");
      onCreated(data.team);
    },
  });
  const nameError = fieldError(mutation.error, "name");
  return (
    <form
      className="flex flex-col gap-2 sm:flex-row sm:items-end"
      onSubmit={(event) => {
        event.preventDefault();
        mutation.mutate({ body: { name } });
      }}
    >
      <div className="flex-1">
        <label htmlFor={`${id}-name`} className={labelClass}>
          Team name
        </label>
        <input
          id={`${id}-name`}
          className={inputClass}
          value={name}
          onChange={(event) => setName(event.target.value)}
          aria-invalid={nameError ? true : undefined}
          aria-describedby={nameError ? `${id}-name-error` : undefined}
          required
          maxLength={80}
        />
        <FieldError id={`${id}-name-error`} message={nameError} />
      </div>
      <button type="submit" className={buttonClass} disabled={mutation.isPending}>
        {mutation.isPending ? "Creating…" : "Create team"}
      </button>
      {mutation.error && !nameError ? <ErrorNote error={mutation.error} /> : null}
    </form>
  );
}
