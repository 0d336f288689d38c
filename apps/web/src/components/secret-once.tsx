"use client";
import type { ReactNode } from "react";
import { CopyButton } from "./copy-button";
import { secondaryButtonClass, wrapAnywhereClass } from "./styles";

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
      <h2 className={`text-sm font-semibold text-amber-900 ${wrapAnywhereClass}`}>{title}</h2>
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
