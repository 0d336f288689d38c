import type { InputHTMLAttributes, ReactNode } from "react";
import { FieldError } from "./field-error";
import { inputClass, labelClass } from "./styles";

type TextFieldProps = {
  /** The input's id; its error message gets `${id}-error`. */
  id: string;
  label: ReactNode;
  /** The field's validation message (or a hint) shown under the input. */
  error?: string;
  /** Classes of the wrapping div (e.g. "flex-1" in a row of fields). */
  className?: string;
} & Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "className">;

/** A labelled input with its message underneath, described by that message when there is one. */
export function TextField({ id, label, error, className, ...input }: TextFieldProps) {
  return (
    <div className={className}>
      <label htmlFor={id} className={labelClass}>
        {label}
      </label>
      <input
        id={id}
        className={inputClass}
        aria-describedby={error ? `${id}-error` : undefined}
        {...input}
      />
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}
