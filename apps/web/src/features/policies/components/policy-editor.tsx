"use client";
/** Edits a draft (form or raw JSON), validates it live and saves it as a new version. */
import { useId, useState } from "react";
import { inputClass, labelClass } from "@/components/styles";
import { SubmitButton } from "@/components/submit-button";
import { TextField } from "@/components/text-field";
import { useEndpointMutation, useEndpointQuery } from "@/lib/api-client";
import { useIdempotencyKey } from "@/lib/idempotency-key";
import { listModels } from "../../models/contract";
import { createPolicyVersion, getPolicy, listPolicies, policyThresholds } from "../contract";
import { prettyJson } from "../line-diff";
import { byPrice, pricesByName } from "../model-price";
import { IssueList } from "./issue-list";
import { type PolicyDocument, PolicyForm } from "./policy-form";
import { useValidation } from "./use-validation";

export function PolicyEditor({
  teamId,
  policyId,
  initial,
  canEdit,
  onDraftChange,
}: {
  teamId: string;
  policyId: string;
  initial: PolicyDocument;
  canEdit: boolean;
  onDraftChange(document: unknown): void;
}) {
  const id = useId();
  const [view, setView] = useState<"form" | "json">("form");
  const [document, setDocument] = useState<PolicyDocument>(initial);
  const [jsonText, setJsonText] = useState(() => prettyJson(initial));
  const [jsonError, setJsonError] = useState<string | null>(null);
  const [note, setNote] = useState("");
  const [saved, setSaved] = useState<number | null>(null);
  const [idempotencyKey, renewIdempotencyKey] = useIdempotencyKey();
  const models = useEndpointQuery(listModels, { params: { teamId } });
  const tables = useEndpointQuery(policyThresholds, { params: { teamId } });
  const validation = useValidation(teamId, document, jsonError === null);
  const save = useEndpointMutation(createPolicyVersion, {
    invalidates: [getPolicy, listPolicies],
    onSuccess: (result) => {
      setSaved(result.version.version);
      renewIdempotencyKey();
      setNote("");
    },
  });
  const enabledModels = byPrice((models.data?.models ?? []).filter((m) => m.enabled));
  const modelNames = enabledModels.map((m) => m.name);

  const update = (next: PolicyDocument) => {
    setDocument(next);
    setJsonText(prettyJson(next));
    setSaved(null);
    onDraftChange(next);
  };
  const updateJson = (text: string) => {
    setJsonText(text);
    setSaved(null);
    try {
      const parsed = JSON.parse(text) as unknown;
      if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
        setJsonError("The policy must be a JSON object.");
        return;
      }
      setJsonError(null);
      setDocument(parsed as PolicyDocument);
      onDraftChange(parsed);
    } catch (error) {
      setJsonError(`Not valid JSON: ${(error as Error).message}`);
    }
  };

  const tabClass = (active: boolean) =>
    `rounded-md px-3 py-1.5 text-sm font-medium ${active ? "bg-indigo-600 text-white" : "text-slate-700 hover:bg-slate-100"}`;
  const issues = validation.issues ?? [];
  const serverIssues = save.error?.issues ?? [];

  return (
    <section aria-labelledby={`${id}-title`} className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 id={`${id}-title`} className="text-base font-semibold">
          Draft
        </h3>
        <div role="tablist" aria-label="Editor view" className="flex gap-1">
          <button
            type="button"
            role="tab"
            aria-selected={view === "form"}
            className={tabClass(view === "form")}
            disabled={jsonError !== null}
            title={jsonError ? "Fix the JSON first" : undefined}
            onClick={() => setView("form")}
          >
            Form
          </button>
          <button
            type="button"
            role="tab"
            aria-selected={view === "json"}
            className={tabClass(view === "json")}
            onClick={() => setView("json")}
          >
            JSON
          </button>
        </div>
      </div>
      {view === "form" ? (
        <PolicyForm
          document={document}
          models={modelNames}
          prices={pricesByName(enabledModels)}
          tables={tables.data?.tables}
          disabled={!canEdit}
          onChange={update}
        />
      ) : (
        <div>
          <label htmlFor={`${id}-json`} className={labelClass}>
            Policy document (JSON)
          </label>
          <textarea
            id={`${id}-json`}
            data-testid="policy-json"
            rows={24}
            spellCheck={false}
            className={`${inputClass} font-mono text-xs`}
            value={jsonText}
            readOnly={!canEdit}
            onChange={(e) => updateJson(e.target.value)}
          />
          {jsonError ? (
            <p role="alert" className="mt-1 text-sm text-red-700">
              {jsonError}
            </p>
          ) : null}
        </div>
      )}
      <p className="text-sm text-slate-600" aria-live="polite" data-testid="validation-status">
        {jsonError
          ? "Fix the JSON to validate."
          : validation.checking
            ? "Checking…"
            : validation.issues === null
              ? ""
              : issues.length === 0
                ? "Valid: compiles against the team's models."
                : `${issues.length} problem${issues.length === 1 ? "" : "s"}`}
      </p>
      <IssueList issues={issues} title="The draft does not compile" />
      {canEdit ? (
        <form
          className="flex flex-wrap items-end gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            save.submit({
              params: { teamId, policyId },
              body: { body: document, note: note.trim() || undefined, idempotencyKey },
            });
          }}
        >
          <TextField
            id={`${id}-note`}
            label="Note for this version"
            className="min-w-48 flex-1"
            value={note}
            maxLength={500}
            onChange={(e) => setNote(e.target.value)}
          />
          <SubmitButton
            pending={save.isPending}
            pendingLabel="Saving…"
            disabled={jsonError !== null || issues.length > 0}
          >
            Save as new version
          </SubmitButton>
          {saved !== null ? (
            <p role="status" className="text-sm text-green-700">
              Saved as version {saved}.
            </p>
          ) : null}
        </form>
      ) : (
        <p className="text-sm text-slate-500">Only team admins can save versions.</p>
      )}
      {save.error && serverIssues.length === 0 ? (
        <p role="alert" className="text-sm text-red-700">
          {save.error.message}
        </p>
      ) : null}
      <IssueList issues={serverIssues} title="Not saved" />
    </section>
  );
}
