"use client";
/**
 * Edits a draft (form or raw JSON), validates it live and saves it as a new version. A draft that
 * differs from the last saved version is kept in this browser and restored when the editor opens
 * again (see useStoredDraft).
 */
import { useEffect, useId, useRef, useState } from "react";
import { inputClass, labelClass } from "@/components/styles";
import { SubmitButton } from "@/components/submit-button";
import { TextField } from "@/components/text-field";
import { useEndpointMutation, useEndpointQuery } from "@/lib/api-client";
import { useIdempotencyKey } from "@/lib/idempotency-key";
import { listModels } from "../../models/contract";
import { createPolicyVersion, getPolicy, listPolicies, policyThresholds } from "../contract";
import { prettyJson } from "../line-diff";
import { chatModelsByPrice, pricesByName } from "../model-price";
import { IssueList } from "./issue-list";
import { type PolicyDocument, PolicyForm } from "./policy-form";
import { forgetStoredDraft, readStoredDraft, useStoredDraft } from "./use-stored-draft";
import { useValidation } from "./use-validation";

/** The text's document, or null when it is not a JSON object. */
function parseDocument(text: string): PolicyDocument | null {
  try {
    const parsed = JSON.parse(text) as unknown;
    return parsed !== null && typeof parsed === "object" && !Array.isArray(parsed)
      ? (parsed as PolicyDocument)
      : null;
  } catch {
    return null;
  }
}

export function PolicyEditor({
  teamId,
  policyId,
  initial,
  base,
  restoreDraft,
  canEdit,
  onDraftChange,
}: {
  teamId: string;
  policyId: string;
  initial: PolicyDocument;
  /** Where the editor starts, e.g. "v3" (kept with a stored draft). */
  base: string;
  /** Open the draft kept in this browser, if any (not when a version was loaded on purpose). */
  restoreDraft: boolean;
  canEdit: boolean;
  onDraftChange(document: unknown): void;
}) {
  const id = useId();
  const [view, setView] = useState<"form" | "json">("form");
  // The text of the last saved version (where the editor started, until a save).
  const [savedText, setSavedText] = useState(() => prettyJson(initial));
  const [restored, setRestored] = useState(() =>
    restoreDraft && canEdit ? readStoredDraft(policyId, prettyJson(initial)) : null,
  );
  const [jsonText, setJsonText] = useState(() => restored?.text ?? prettyJson(initial));
  const [document, setDocument] = useState<PolicyDocument>(
    () => (restored ? parseDocument(restored.text) : null) ?? initial,
  );
  const [jsonError, setJsonError] = useState<string | null>(() =>
    restored && parseDocument(restored.text) === null ? "Not valid JSON." : null,
  );
  const submitted = useRef("");
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
      setSavedText(submitted.current);
      setRestored(null);
      setNote("");
    },
  });
  const dirty = jsonError === null ? prettyJson(document) !== savedText : jsonText !== savedText;
  useStoredDraft(policyId, restored?.base ?? base, jsonText, dirty, canEdit);
  // A restored draft is what "Try a prompt" runs, like any edit.
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, for the draft opened
  useEffect(() => {
    if (restored) onDraftChange(document);
  }, []);
  const discard = () => {
    const saved = parseDocument(savedText) ?? initial;
    forgetStoredDraft(policyId);
    setRestored(null);
    setJsonError(null);
    setDocument(saved);
    setJsonText(savedText);
    onDraftChange(saved);
  };
  const enabledModels = chatModelsByPrice(models.data?.models ?? []);
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
    `rounded-md px-3 py-1.5 text-sm font-medium ${active ? "bg-indigo-600 text-on-accent" : "text-slate-700 hover:bg-slate-100"}`;
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
      {canEdit && dirty ? (
        <div
          className="flex flex-wrap items-center gap-3 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900"
          data-testid="draft-status"
        >
          <span>
            {restored ? (
              <span data-testid="draft-restored">
                Restored your unsaved draft (from {restored.base},{" "}
                {new Date(restored.savedAt).toLocaleString()}).{" "}
              </span>
            ) : null}
            Unsaved changes: kept in this browser until you save or discard them.
          </span>
          <button
            type="button"
            className="font-medium text-amber-900 underline underline-offset-2"
            onClick={discard}
          >
            Discard draft
          </button>
        </div>
      ) : null}
      {canEdit ? (
        <form
          className="flex flex-wrap items-end gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            submitted.current = prettyJson(document);
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
