"use client";
/**
 * Add a model by hand on any connection (self-hosted, Azure deployments, anything the catalog
 * does not list): the id the provider knows it by, the name callers use, prices, limits and
 * capabilities.
 */
import { useId, useState } from "react";
import { useFieldErrors } from "@/components/field-error";
import { SelectField } from "@/components/select-field";
import { SubmitButton } from "@/components/submit-button";
import { TextField } from "@/components/text-field";
import { useEndpointMutation } from "@/lib/api-client";
import { listConnections } from "../providers/contract";
import { type Capability, CapabilityCheckboxes } from "./capability-checkboxes";
import { listModels, type ModelView } from "./contract";
import { createModel, createSharedModel } from "./manage-contract";

export interface ConnectionChoice {
  id: string;
  name: string;
  kind: string;
  shared: boolean;
}

const empty = {
  upstreamName: "",
  name: "",
  input: "",
  output: "",
  context: "8192",
  maxOutput: "",
};

export function AddModelForm({
  teamId,
  connections,
  onAdded,
}: {
  teamId: string;
  connections: ConnectionChoice[];
  onAdded?(model: ModelView): void;
}) {
  const id = useId();
  const [connectionId, setConnectionId] = useState(connections[0]?.id ?? "");
  const [fields, setFields] = useState(empty);
  const [capabilities, setCapabilities] = useState<Capability[]>(["streaming"]);
  const [unpriced, setUnpriced] = useState(false);
  const [added, setAdded] = useState<string | null>(null);
  const connection = connections.find((c) => c.id === connectionId) ?? connections[0];
  const options = {
    invalidates: [listModels, listConnections],
    onSuccess: (data: { model: ModelView }) => {
      setAdded(data.model.name);
      setFields(empty);
      onAdded?.(data.model);
    },
  };
  const createTeam = useEndpointMutation(createModel, options);
  const createShared = useEndpointMutation(createSharedModel, options);
  const mutation = connection?.shared ? createShared : createTeam;
  const fieldErrors = useFieldErrors(mutation.error);
  const set = (key: keyof typeof empty, field: string) => (e: { target: { value: string } }) => {
    setAdded(null);
    fieldErrors.changed(field);
    setFields((current) => ({ ...current, [key]: e.target.value }));
  };
  if (!connection) {
    return <p className="text-sm text-slate-500">Add a connection first, then its models.</p>;
  }
  const error = (field: string) => fieldErrors.errorFor(field);
  const shownFields = [
    "upstreamName",
    "name",
    "inputPricePerMillion",
    "outputPricePerMillion",
    "contextWindow",
    "maxOutputTokens",
  ];
  return (
    <form
      aria-label="Add a model"
      className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3"
      onSubmit={(e) => {
        e.preventDefault();
        const upstreamName = fields.upstreamName.trim();
        const body = {
          connectionId: connection.id,
          name: fields.name.trim() || upstreamName,
          upstreamName,
          inputPricePerMillion: fields.input.trim() || "0",
          outputPricePerMillion: fields.output.trim() || "0",
          contextWindow: Number(fields.context),
          maxOutputTokens: fields.maxOutput.trim() ? Number(fields.maxOutput) : null,
          capabilities,
          unpriced,
        };
        if (connection.shared) createShared.submit({ body });
        else createTeam.submit({ params: { teamId }, body });
      }}
    >
      <SelectField
        id={`${id}-connection`}
        label="Connection"
        value={connection.id}
        onChange={(e) => setConnectionId(e.target.value)}
      >
        {connections.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name} ({c.kind}
            {c.shared ? ", shared" : ""})
          </option>
        ))}
      </SelectField>
      <TextField
        id={`${id}-upstream`}
        label="Upstream model id (as the provider names it)"
        required
        placeholder={connection.kind === "azure-openai" ? "your deployment name" : "llama3.1:8b"}
        value={fields.upstreamName}
        onChange={set("upstreamName", "upstreamName")}
        error={error("upstreamName")}
      />
      <TextField
        id={`${id}-name`}
        label="Name callers use (default: the upstream id)"
        value={fields.name}
        onChange={set("name", "name")}
        error={error("name")}
      />
      <TextField
        id={`${id}-input`}
        label="Input $ / M tokens"
        inputMode="decimal"
        placeholder="0"
        value={fields.input}
        onChange={set("input", "inputPricePerMillion")}
        error={error("inputPricePerMillion")}
      />
      <TextField
        id={`${id}-output`}
        label="Output $ / M tokens"
        inputMode="decimal"
        placeholder="0"
        value={fields.output}
        onChange={set("output", "outputPricePerMillion")}
        error={error("outputPricePerMillion")}
      />
      <label className="flex items-center gap-1 self-end text-sm">
        <input type="checkbox" checked={unpriced} onChange={(e) => setUnpriced(e.target.checked)} />
        no known price (cost unknown; refused under a budget)
      </label>
      <TextField
        id={`${id}-context`}
        label="Context window (tokens)"
        type="number"
        min={1}
        required
        value={fields.context}
        onChange={set("context", "contextWindow")}
        error={error("contextWindow")}
      />
      <TextField
        id={`${id}-max-output`}
        label="Max output tokens (optional)"
        type="number"
        min={1}
        value={fields.maxOutput}
        onChange={set("maxOutput", "maxOutputTokens")}
        error={error("maxOutputTokens")}
      />
      <fieldset className="flex flex-wrap items-end gap-3 text-sm sm:col-span-2">
        <legend className="mb-1 text-sm">Capabilities</legend>
        <CapabilityCheckboxes value={capabilities} onChange={setCapabilities} />
      </fieldset>
      <div className="flex flex-wrap items-center gap-3 sm:col-span-2 lg:col-span-3">
        <SubmitButton pending={mutation.isPending} pendingLabel="Adding…">
          Add model
        </SubmitButton>
        {added ? (
          <p role="status" className="text-sm text-green-700">
            Added {added}: use Test to make one real call.
          </p>
        ) : null}
        {mutation.error && !shownFields.some((field) => error(field)) ? (
          <p role="alert" className="text-sm text-red-700">
            {mutation.error.message}
          </p>
        ) : null}
      </div>
    </form>
  );
}
