"use client";
/**
 * Rotates a key (keys.rotate): a new secret, shown once; the current one keeps working for the
 * chosen grace period. The key's id, name, scopes, budgets, limits and history stay.
 */
import { useEffect, useId, useRef, useState } from "react";
import { ErrorNote } from "@/components/error-note";
import { FieldError, useFieldErrors } from "@/components/field-error";
import { SecretOnce } from "@/components/secret-once";
import { cardClass, inputClass, labelClass, secondaryButtonClass } from "@/components/styles";
import { SubmitButton } from "@/components/submit-button";
import { TruncatedText } from "@/components/truncated-text";
import { useEndpointMutation } from "@/lib/api-client";
import { formatDate } from "@/lib/format-date";
import { type ApiKeyView, type GracePeriod, listKeys, rotateKey } from "./contract";

export const GRACE_PERIOD_LABELS: Record<GracePeriod, string> = {
  none: "None: the current secret stops now",
  "1h": "1 hour",
  "24h": "24 hours",
  "7d": "7 days",
};

export function KeyRotatePanel({
  teamId,
  apiKey,
  onClose,
}: {
  teamId: string;
  apiKey: ApiKeyView;
  onClose: () => void;
}) {
  const id = useId();
  const [grace, setGrace] = useState<GracePeriod>("24h");
  const [result, setResult] = useState<{ secret: string; until: string | null } | null>(null);
  const rotate = useEndpointMutation(rotateKey, {
    invalidates: [listKeys],
    onSuccess: (data) =>
      setResult({ secret: data.secret, until: data.key.previousSecretExpiresAt }),
  });
  const { errorFor, changed } = useFieldErrors(rotate.error);
  const select = useRef<HTMLSelectElement>(null);
  useEffect(() => {
    select.current?.scrollIntoView({ block: "center" });
    select.current?.focus();
  }, []);

  if (result) {
    return (
      <SecretOnce
        title={`New secret for ${apiKey.name}`}
        secret={result.secret}
        onDismiss={onClose}
      >
        <p className="mt-2 text-sm text-amber-900" data-testid="rotation-grace">
          {result.until
            ? `The old secret keeps working until ${formatDate(result.until, "")}.`
            : "The old secret no longer works."}
        </p>
      </SecretOnce>
    );
  }
  return (
    <section className={cardClass} aria-labelledby={`${id}-title`} data-testid="rotate-panel">
      <h2 id={`${id}-title`} className="mb-1 flex min-w-0 gap-1 text-base font-semibold">
        <span className="shrink-0">Rotate</span>
        <TruncatedText text={apiKey.name} className="max-w-full" />
      </h2>
      <p className="mb-4 text-sm text-slate-600">
        A new secret is issued and shown once. The key keeps its name, models, budgets, limits and
        history; callers switch to the new secret before the old one stops working.
      </p>
      <form
        aria-label={`Rotate ${apiKey.name}`}
        className="flex flex-col gap-3 sm:flex-row sm:items-end"
        onSubmit={(event) => {
          event.preventDefault();
          rotate.submit({
            params: { teamId, keyId: apiKey.id },
            body: { gracePeriod: grace },
          });
        }}
      >
        <div>
          <label htmlFor={`${id}-grace`} className={labelClass}>
            Old secret keeps working for
          </label>
          <select
            id={`${id}-grace`}
            ref={select}
            className={`${inputClass} mt-1`}
            value={grace}
            aria-describedby={`${id}-grace-error`}
            onChange={(event) => {
              changed("gracePeriod");
              setGrace(event.target.value as GracePeriod);
            }}
          >
            {(Object.keys(GRACE_PERIOD_LABELS) as GracePeriod[]).map((value) => (
              <option key={value} value={value}>
                {GRACE_PERIOD_LABELS[value]}
              </option>
            ))}
          </select>
          <FieldError id={`${id}-grace-error`} message={errorFor("gracePeriod")} />
        </div>
        <div className="flex gap-2">
          <SubmitButton pending={rotate.isPending} pendingLabel="Rotating…">
            Rotate secret
          </SubmitButton>
          <button type="button" className={secondaryButtonClass} onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
      {rotate.error ? <ErrorNote error={rotate.error} /> : null}
    </section>
  );
}
