import type { Metadata } from "next";
import { PageHeader } from "@/features/console/page-header";
import { PoliciesPage } from "@/features/policies/policies-page";

export const metadata: Metadata = { title: "Routing policies" };

export default function Page() {
  return (
    <>
      <PageHeader
        title="Routing policies"
        description="The rules, classifier threshold, cascade and fallbacks that pick a model for each request. Every save is a new version; publishing one (or an older one, to roll back) takes effect at the next request."
      />
      <PoliciesPage />
    </>
  );
}
