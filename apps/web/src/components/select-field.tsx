import type { ReactNode, SelectHTMLAttributes } from "react";
import { inputClass, labelClass } from "./styles";

type SelectFieldProps = {
  id: string;
  label: ReactNode;
  /** Classes of the wrapping div. */
  className?: string;
  children: ReactNode;
} & Omit<SelectHTMLAttributes<HTMLSelectElement>, "id" | "className" | "children">;

/** A labelled select; its options are the children. */
export function SelectField({ id, label, className, children, ...select }: SelectFieldProps) {
  return (
    <div className={className}>
      <label htmlFor={id} className={labelClass}>
        {label}
      </label>
      <select id={id} className={inputClass} {...select}>
        {children}
      </select>
    </div>
  );
}
