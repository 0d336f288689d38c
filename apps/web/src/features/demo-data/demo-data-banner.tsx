"use client";
/** On the overview: the team's charts include generated demo traffic, and the button to remove it. */
import { ConfirmButton } from "@/components/confirm-button";
import { useEndpointMutation, useEndpointQuery } from "@/lib/api-client";
import { getOverview } from "../usage/contract";
import { getDemoData, removeDemoData } from "./contract";

export function DemoDataBanner({ teamId, canRemove }: { teamId: string; canRemove: boolean }) {
  const status = useEndpointQuery(getDemoData, { params: { teamId } });
  const remove = useEndpointMutation(removeDemoData, { invalidates: [getDemoData, getOverview] });
  const data = status.data;
  if (!data?.present) return null;
  return (
    <section
      aria-label="Demo data"
      className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900"
    >
      <p>
        <strong>Demo data.</strong> These charts include {data.requests.toLocaleString("en-US")}{" "}
        generated requests over the last {data.days} days (tagged{" "}
        <code className="font-mono">{data.tag}</code>), routed by this team&apos;s policy but never
        sent to a model.
      </p>
      {canRemove ? (
        <ConfirmButton
          question="Remove the generated demo traffic? Real requests stay."
          disabled={remove.isPending}
          onConfirm={() => remove.submit({ params: { teamId } })}
        >
          {remove.isPending ? "Removing…" : "Remove demo data"}
        </ConfirmButton>
      ) : null}
      {remove.error ? (
        <p role="alert" className="w-full text-red-700">
          {remove.error.message}
        </p>
      ) : null}
    </section>
  );
}
