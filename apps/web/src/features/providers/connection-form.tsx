"use client";
/** Add a provider connection (to the team, or shared when the instance owner chooses so). */
import { useId, useState } from "react";
import { FieldError, fieldError } from "@/components/field-error";
import { buttonClass, inputClass, labelClass } from "@/components/styles";
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
        if (shared) createShared.mutate({ body });
        else createTeam.mutate({ params: { teamId }, body });
      }}
    >
      <div>
        <label htmlFor={`${id}-kind`} className={labelClass}>
          Provider
        </label>
        <select
          id={`${id}-kind`}
          className={inputClass}
          value={kind}
          onChange={(e) => setKind(e.target.value)}
        >
          {(catalog.data?.providers ?? [{ kind: "openai", displayName: "OpenAI" }]).map((p) => (
            <option key={p.kind} value={p.kind}>
              {p.displayName}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor={`${id}-name`} className={labelClass}>
          Name
        </label>
        <input
          id={`${id}-name`}
          className={inputClass}
          value={name}
          required
          onChange={(e) => setName(e.target.value)}
        />
      </div>
      <div>
        <label htmlFor={`${id}-url`} className={labelClass}>
          Base URL
        </label>
        <input
          id={`${id}-url`}
          type="url"
          className={inputClass}
          value={baseUrl}
          placeholder={provider?.defaultBaseUrl ?? "required for this provider"}
          aria-describedby={`${id}-url-error`}
          onChange={(e) => setBaseUrl(e.target.value)}
        />
        <FieldError id={`${id}-url-error`} message={fieldError(mutation.error, "baseUrl")} />
      </div>
      <div>
        <label htmlFor={`${id}-credential`} className={labelClass}>
          API key / credential (write-only)
        </label>
        <input
          id={`${id}-credential`}
          type="password"
          autoComplete="off"
          className={inputClass}
          value={credential}
          onChange={(e) => setCredential(e.target.value)}
        />
      </div>
      {canShare ? (
        <label className="flex items-center gap-2 text-sm sm:col-span-2">
          <input type="checkbox" checked={shared} onChange={(e) => setShared(e.target.checked)} />
          Shared with every team (instance owner)
        </label>
      ) : null}
      <div className="flex flex-wrap items-center gap-3 sm:col-span-2">
        <button type="submit" className={buttonClass} disabled={mutation.isPending}>
          {mutation.isPending ? "Adding…" : "Add connection"}
        </button>
        {mutation.error && !fieldError(mutation.error, "baseUrl") ? (
          <p role="alert" className="text-sm text-red-700">
            {mutation.error.message}
          </p>
        ) : null}
      </div>
    </form>
  );
}
