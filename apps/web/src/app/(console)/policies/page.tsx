import type { Metadata } from "next";
import { EmptyState } from "@/features/console/empty-state";
import { PageHeader } from "@/features/console/page-header";

export const metadata: Metadata = { title: "Routing policies" };

export default function Page() {
  return (
    <>
      <PageHeader
        title="Routing policies"
        description="The rules, classifier threshold, cascade and fallbacks that pick a model for each request."
      />
      <EmptyState title="This page is not built yet">
        <p>
          Each team's policy versions are listed here, with the published one marked, an editor for
          drafts and an explain view of past decisions.
        </p>
      </EmptyState>
    </>
  );
}
