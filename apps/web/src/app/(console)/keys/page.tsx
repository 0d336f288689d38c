import type { Metadata } from "next";
import { EmptyState } from "@/features/console/empty-state";
import { PageHeader } from "@/features/console/page-header";

export const metadata: Metadata = { title: "API keys" };

export default function Page() {
  return (
    <>
      <PageHeader
        title="API keys"
        description="Create, scope and revoke the keys your applications use to call the gateway."
      />
      <EmptyState title="This page is not built yet">
        <p>
          Keys are listed here with their prefix, scopes, last use and expiry. The full key is shown
          once, when it is created.
        </p>
      </EmptyState>
    </>
  );
}
