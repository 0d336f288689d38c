import type { ReactNode } from "react";
import { buttonClass } from "./styles";

/** A form's submit button: disabled and relabelled while the submission is pending. */
export function SubmitButton({
  pending,
  pendingLabel,
  disabled = false,
  className = buttonClass,
  children,
}: {
  pending: boolean;
  pendingLabel: ReactNode;
  disabled?: boolean;
  className?: string;
  children: ReactNode;
}) {
  return (
    <button type="submit" className={className} disabled={pending || disabled}>
      {pending ? pendingLabel : children}
    </button>
  );
}
