"use client";

import { useId, useState } from "react";
import { ErrorNote } from "@/components/error-note";
import { useFieldErrors } from "@/components/field-error";
import { SecretOnce } from "@/components/secret-once";
import { SubmitButton } from "@/components/submit-button";
import { TextField } from "@/components/text-field";
import { useEndpointMutation } from "@/lib/api-client";
import { useIdempotencyKey } from "@/lib/idempotency-key";
import { createKey, listKeys } from "./contract";
import { endOfDayIso, optionalLimit, parseTagList } from "./format";
import { KeyScopePicker } from "./key-scope-picker";

export function CreateKeyForm({ teamId }: { teamId: string }) {
  const id = useId();
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<string[]>([]);
  const [expiry, setExpiry] = useState("");
  const [rpm, setRpm] = useState("");
  const [tpm, setTpm] = useState("");
  const [tags, setTags] = useState("");
  const [budget, setBudget] = useState("");
  const [learningOptOut, setLearningOptOut] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const [idempotencyKey, renewIdempotencyKey] = useIdempotencyKey();
  const mutation = useEndpointMutation(createKey, {
    invalidates: [listKeys],
    onSuccess: (data) => {
      setSecret(data.secret);
      renewIdempotencyKey();
      setName("");
      setScopes([]);
      setExpiry("");
      setRpm("");
      setTpm("");
      setTags("");
      setBudget("");
      setLearningOptOut(false);
    },
  });
  const error = mutation.error;
  const { errorFor, changed } = useFieldErrors(error);
  const toggle = (scope: string) => {
    changed("scopes");
    setScopes((current) =>
      current.includes(scope) ? current.filter((s) => s !== scope) : [...current, scope],
    );
  };

  return (
    <div className="space-y-4">
      {secret ? (
        <SecretOnce title="Your new API key" secret={secret} onDismiss={() => setSecret(null)} />
      ) : null}
      <form
        aria-label="Create an API key"
        className="grid grid-cols-1 gap-4 sm:grid-cols-2"
        onSubmit={(event) => {
          event.preventDefault();
          mutation.submit({
            params: { teamId },
            body: {
              name,
              scopes,
              expiresAt: expiry ? endOfDayIso(expiry) : null,
              rpmLimit: optionalLimit(rpm),
              tpmLimit: optionalLimit(tpm),
              tags: parseTagList(tags),
              learningOptOut,
              ...(budget.trim() && { budget: { period: "month", limitUsd: budget.trim() } }),
              idempotencyKey,
            },
          });
        }}
      >
        <TextField
          id={`${id}-name`}
          label="Name"
          value={name}
          onChange={(event) => {
            setName(event.target.value);
            changed("name");
          }}
          required
          maxLength={80}
          aria-invalid={errorFor("name") ? true : undefined}
          error={errorFor("name")}
        />
        <TextField
          id={`${id}-expiry`}
          label="Expires (optional)"
          type="date"
          value={expiry}
          onChange={(event) => {
            setExpiry(event.target.value);
            changed("expiresAt");
          }}
          error={errorFor("expiresAt")}
        />
        <TextField
          id={`${id}-rpm`}
          label="Requests per minute (optional)"
          inputMode="numeric"
          value={rpm}
          onChange={(event) => {
            setRpm(event.target.value);
            changed("rpmLimit");
          }}
          error={errorFor("rpmLimit")}
        />
        <TextField
          id={`${id}-tpm`}
          label="Tokens per minute (optional)"
          inputMode="numeric"
          value={tpm}
          onChange={(event) => {
            setTpm(event.target.value);
            changed("tpmLimit");
          }}
          error={errorFor("tpmLimit")}
        />
        <TextField
          id={`${id}-budget`}
          label="Monthly budget in USD (optional)"
          inputMode="decimal"
          placeholder="25"
          value={budget}
          onChange={(event) => {
            setBudget(event.target.value);
            changed("budget.limitUsd");
          }}
          error={errorFor("budget.limitUsd")}
        />
        <TextField
          id={`${id}-tags`}
          label="Default tags (optional, comma-separated)"
          placeholder="app:billing, tier:gold"
          value={tags}
          onChange={(event) => {
            setTags(event.target.value);
            changed("tags");
          }}
          error={errorFor("tags")}
        />
        <label className="flex items-center gap-2 self-end text-sm text-slate-700">
          <input
            type="checkbox"
            checked={learningOptOut}
            onChange={(event) => setLearningOptOut(event.target.checked)}
          />
          Never sample this key's requests for calibration
        </label>
        <KeyScopePicker
          id={`${id}-scopes`}
          teamId={teamId}
          scopes={scopes}
          error={errorFor("scopes")}
          onToggle={toggle}
        />
        <div className="flex flex-wrap items-center gap-3 sm:col-span-2">
          <SubmitButton pending={mutation.isPending} pendingLabel="Creating…">
            Create key
          </SubmitButton>
          {error && error.issues.length === 0 ? <ErrorNote error={error} /> : null}
        </div>
      </form>
    </div>
  );
}
