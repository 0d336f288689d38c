import type { Metadata } from "next";
import { EmptyState } from "@/features/console/empty-state";
import { PageHeader } from "@/features/console/page-header";

export const metadata: Metadata = { title: "Request log" };

export default function Page() {
  return (
    <>
      <PageHeader
        title="Request log"
        description="Every request with the model it was routed to, why, what it cost and how long it took."
      />
      <EmptyState title="This page is not built yet">
        <p>
          Requests appear here, newest first, once traffic flows through the gateway. Prompts and
          completions are stored only when a team turns content logging on.
        </p>
      </EmptyState>
    </>
  );
}
