"use client";
/** A model's capabilities as one checkbox each (the add form and the edit row). */
import { capabilitySchema } from "./contract";

export type Capability = (typeof capabilitySchema.options)[number];

export function CapabilityCheckboxes({
  value,
  onChange,
}: {
  value: readonly string[];
  onChange(next: Capability[]): void;
}) {
  const checked = value.filter((c): c is Capability =>
    (capabilitySchema.options as readonly string[]).includes(c),
  );
  return (
    <>
      {capabilitySchema.options.map((capability) => (
        <label key={capability} className="flex items-center gap-1">
          <input
            type="checkbox"
            checked={checked.includes(capability)}
            onChange={(e) =>
              onChange(
                e.target.checked
                  ? [...checked, capability]
                  : checked.filter((c) => c !== capability),
              )
            }
          />
          {capability}
        </label>
      ))}
    </>
  );
}
