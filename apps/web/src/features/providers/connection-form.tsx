"use client";
/** Add a provider connection (to the team, or shared when the instance owner chooses so). */
import { useId, useState } from "react";
import { fieldError, useFieldErrors } from "@/components/field-error";
import { SelectField } from "@/components/select-field";
import { SubmitButton } from "@/components/submit-button";
import { TextField } from "@/components/text-field";
import { useEndpointMutation, useEndpointQuery } from "@/lib/api-client";
import { listModels } from "../models/contract";
import {
  createConnection,
  createSharedConnection,
  listConnections,
  providerCatalog,
} from "./contract";

export function ConnectionForm({ teamId, canShare }: { teamId: string; canShare: boolean }) {
  const id = useId();
  const catalog = useEndpointQuery(providerCatalog);
  const [kind, setKind] = useState("openai");
  const [name, setName] = useState("");
  const [baseUrl, setBaseUrl] = useState("");
  const [credential, setCredential] = useState("");
  const [shared, setShared] = useState(false);
  const options = {
    invalidates: [listConnections, listModels],
    onSuccess: () => {
      setName("");
      setBaseUrl("");
      setCredential("");
    },
  };
  const createTeam = useEndpointMutation(createConnection, options);
  const createShared = useEndpointMutation(createSharedConnection, options);
  const mutation = shared ? createShared : createTeam;
  const fields = useFieldErrors(mutation.error);
  const provider = catalog.data?.providers.find((p) => p.kind === kind);

  return (
    <form
      aria-label="Add a provider connection"
      className="grid gap-3 sm:grid-cols-2"
      onSubmit={(e) => {
        e.preventDefault();
        const body = {
          kind,
          name,
          baseUrl: baseUrl.trim() || undefined,
          credential: credential || undefined,
        };
        if (shared) createShared.submit({ body });
        else createTeam.submit({ params: { teamId }, body });
      }}
    >
      <SelectField
        id={`${id}-kind`}
        label="Provider"
        value={kind}
        onChange={(e) => setKind(e.target.value)}
      >
        {(catalog.data?.providers ?? [{ kind: "openai", displayName: "OpenAI" }]).map((p) => (
          <option key={p.kind} value={p.kind}>
            {p.displayName}
          </option>
        ))}
      </SelectField>
      <TextField
        id={`${id}-name`}
        label="Name"
        value={name}
        required
        onChange={(e) => setName(e.target.value)}
      />
      <TextField
        id={`${id}-url`}
        label="Base URL"
        type="url"
        value={baseUrl}
        placeholder={provider?.defaultBaseUrl ?? "required for this provider"}
        onChange={(e) => {
          setBaseUrl(e.target.value);
          fields.changed("baseUrl");
        }}
        error={fields.errorFor("baseUrl")}
      />
      <TextField
        id={`${id}-credential`}
        label="API key / credential (write-only)"
        type="password"
        autoComplete="off"
        value={credential}
        onChange={(e) => setCredential(e.target.value)}
      />
      {canShare ? (
        <label className="flex items-center gap-2 text-sm sm:col-span-2">
          <input type="checkbox" checked={shared} onChange={(e) => setShared(e.target.checked)} />
          Shared with every team (instance owner)
        </label>
      ) : null}
      <div className="flex flex-wrap items-center gap-3 sm:col-span-2">
        <SubmitButton pending={mutation.isPending} pendingLabel="Adding…">
          Add connection
        </SubmitButton>
        {mutation.error && !fieldError(mutation.error, "baseUrl") ? (
          <p role="alert" className="text-sm text-red-700">
            {mutation.error.message}
          </p>
        ) : null}
      </div>
    </form>
  );
}
