"use client";

import { useId, useState } from "react";
import { ErrorNote } from "@/components/error-note";
import { useFieldErrors } from "@/components/field-error";
import { SubmitButton } from "@/components/submit-button";
import { TextField } from "@/components/text-field";
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
  const fields = useFieldErrors(mutation.error);
  const nameError = fields.errorFor("name");
  return (
    <form
      className="flex flex-col gap-2 sm:flex-row sm:items-end"
      onSubmit={(event) => {
        event.preventDefault();
        mutation.submit({ body: { name } });
      }}
    >
      <TextField
        id={`${id}-name`}
        label="Team name"
        className="flex-1"
        value={name}
        onChange={(event) => {
          setName(event.target.value);
          fields.changed("name");
        }}
        aria-invalid={nameError ? true : undefined}
        required
        maxLength={80}
        error={nameError}
      />
      <SubmitButton pending={mutation.isPending} pendingLabel="Creating…">
        Create team
      </SubmitButton>
      {mutation.error && !nameError ? <ErrorNote error={mutation.error} /> : null}
    </form>
  );
}
