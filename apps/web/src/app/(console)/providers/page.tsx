import type { Metadata } from "next";
import { EmptyState } from "@/features/console/empty-state";
import { PageHeader } from "@/features/console/page-header";

export const metadata: Metadata = { title: "Providers & models" };

export default function Page() {
  return (
    <>
      <PageHeader
        title="Providers & models"
        description="Provider connections, their credentials (stored encrypted) and the models each one serves, with prices."
      />
      <EmptyState title="This page is not built yet">
        <p>
          Connections and models are listed here with their prices per million tokens, context
          window and capabilities.
        </p>
      </EmptyState>
    </>
  );
}
