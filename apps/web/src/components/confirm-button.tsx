"use client";
import type { ReactNode } from "react";
import { dangerButtonClass } from "./styles";

/** A destructive action's button: asks `question` first and acts only when confirmed. */
export function ConfirmButton({
  question,
  onConfirm,
  disabled,
  label,
  children,
}: {
  question: string;
  onConfirm: () => void;
  disabled?: boolean;
  /** An accessible name when the visible text alone is ambiguous. */
  label?: string;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      className={dangerButtonClass}
      aria-label={label}
      disabled={disabled}
      onClick={() => {
        if (window.confirm(question)) onConfirm();
      }}
    >
      {children}
    </button>
  );
}
