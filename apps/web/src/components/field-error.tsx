"use client";
import { useState } from "react";
import type { ApiError } from "@/lib/api-client";

/**
 * The field's message among an ApiError's issues: the issue at "body.<field>", else the first
 * inside it ("body.tags.2").
 */
export function fieldError(error: ApiError | null, field: string): string | undefined {
  const path = `body.${field}`;
  const issues = error?.issues ?? [];
  return (
    issues.find((issue) => issue.path === path) ??
    issues.find((issue) => issue.path.startsWith(`${path}.`))
  )?.message;
}

const noFields: ReadonlySet<string> = new Set();

/**
 * A form's field errors from its last submission, each cleared as soon as its field is changed
 * (the message was about the value before): call `changed(field)` from the field's onChange. The
 * next submission's errors show again, whatever was changed before it.
 */
export function useFieldErrors(error: ApiError | null) {
  const [changedSince, setChangedSince] = useState<{
    error: ApiError | null;
    fields: ReadonlySet<string>;
  }>({ error: null, fields: noFields });
  const fields = changedSince.error === error ? changedSince.fields : noFields;
  return {
    errorFor: (field: string) => (fields.has(field) ? undefined : fieldError(error, field)),
    changed: (field: string) => {
      if (error === null || fields.has(field) || fieldError(error, field) === undefined) return;
      setChangedSince({ error, fields: new Set([...fields, field]) });
    },
  };
}

/** A field's validation message under its input; renders nothing without a message. */
export function FieldError({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return (
    <p id={id} className="mt-1 text-xs text-red-700">
      {message}
    </p>
  );
}
