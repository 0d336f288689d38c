import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes } from "react";

/** The compact control of a filter bar. */
const filterControlClass =
  "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm shadow-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-200";

const labelClass = "text-xs text-slate-600";

/** A filter bar's select, inside its label. */
export function FilterSelect({
  label,
  children,
  ...select
}: { label: string; children: ReactNode } & Omit<
  SelectHTMLAttributes<HTMLSelectElement>,
  "className" | "children"
>) {
  return (
    <label className={labelClass}>
      {label}
      <select className={`${filterControlClass} ml-1`} {...select}>
        {children}
      </select>
    </label>
  );
}

/** A filter bar's input, inside its label; `className` adds to the control's classes (e.g. a width). */
export function FilterInput({
  label,
  className,
  ...input
}: { label: string; className?: string } & Omit<
  InputHTMLAttributes<HTMLInputElement>,
  "className"
>) {
  return (
    <label className={labelClass}>
      {label}
      <input
        className={
          className ? `${filterControlClass} ml-1 ${className}` : `${filterControlClass} ml-1`
        }
        {...input}
      />
    </label>
  );
}
