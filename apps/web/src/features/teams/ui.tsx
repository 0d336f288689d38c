"use client";
/** Small building blocks shared by the team, key, token and audit pages. */
import { type ReactNode, useState } from "react";
import type { ApiError } from "@/lib/api-client";

export const buttonClass =
  "inline-flex items-center justify-center rounded-md bg-indigo-600 px-3 py-2 text-sm font-medium text-white shadow-sm hover:bg-indigo-500 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-400 disabled:opacity-50";
export const secondaryButtonClass =
  "inline-flex items-center justify-center rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-400 disabled:opacity-50";
export const dangerButtonClass =
  "inline-flex items-center justify-center rounded-md border border-red-200 bg-white px-2.5 py-1.5 text-sm font-medium text-red-700 hover:bg-red-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-red-300 disabled:opacity-50";
export const inputClass =
  "block w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-200";
export const labelClass = "block text-sm font-medium text-slate-700";
export const cardClass = "rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6";

export function Loading({ label }: { label: string }) {
  return (
    <p role="status" className="text-sm text-slate-500" data-testid="loading">
      {label}
    </p>
  );
}

export function ErrorNote({
  error,
  onRetry,
}: {
  error: Pick<ApiError, "message"> | null;
  onRetry?: () => void;
}) {
  if (!error) return null;
  return (
    <div
      data-testid="error-note"
      className="flex flex-wrap items-center gap-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800"
    >
      <span>{error.message}</span>
      {onRetry ? (
        <button type="button" className="underline" onClick={onRetry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}

/** The field's message among an ApiError's issues (path like "body.name"). */
export function fieldError(error: ApiError | null, field: string): string | undefined {
  return error?.issues.find((issue) => issue.path === `body.${field}`)?.message;
}

export function FieldError({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return (
    <p id={id} className="mt-1 text-xs text-red-700">
      {message}
    </p>
  );
}

export function CopyButton({ value, label = "Copy" }: { value: string; label?: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className={secondaryButtonClass}
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(value);
          setCopied(true);
          setTimeout(() => setCopied(false), 2000);
        } catch {
          setCopied(false);
        }
      }}
    >
      {copied ? "Copied" : label}
    </button>
  );
}

/** A secret shown once, with a copy button and a dismiss button. */
export function SecretOnce({
  title,
  secret,
  children,
  onDismiss,
}: {
  title: string;
  secret: string;
  children?: ReactNode;
  onDismiss: () => void;
}) {
  return (
    <section
      aria-label={title}
      data-testid="secret-once"
      className="rounded-xl border border-amber-300 bg-amber-50 p-4"
    >
      <h2 className="text-sm font-semibold text-amber-900">{title}</h2>
      <p className="mt-1 text-sm text-amber-900">
        Copy it now: it is shown only this once and cannot be recovered.
      </p>
      <div className="mt-3 flex flex-col gap-2 sm:flex-row sm:items-center">
        <code
          data-testid="secret-value"
          className="min-w-0 flex-1 break-all rounded-md bg-white px-3 py-2 font-mono text-sm"
        >
          {secret}
        </code>
        <div className="flex gap-2">
          <CopyButton value={secret} />
          <button type="button" className={secondaryButtonClass} onClick={onDismiss}>
            Done
          </button>
        </div>
      </div>
      {children}
    </section>
  );
}

export function formatDate(value: string | null, fallback = "—"): string {
  if (!value) return fallback;
  return new Date(value).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}
