import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { PageHeader } from "@/features/console/page-header";
import { ProvidersPage } from "@/features/providers/providers-page";
import { isInstanceOwner } from "@/features/providers/server/instance-owner";
import { getSessionUser } from "@/server/auth";

export const metadata: Metadata = { title: "Providers & models" };

export default async function Page() {
  const user = await getSessionUser();
  if (!user) redirect("/login?callbackUrl=/providers");
  return (
    <>
      <PageHeader
        title="Providers & models"
        description="Provider connections (credentials are stored encrypted and never shown again), the models they serve with prices and capabilities, and how each model did over the last day."
      />
      <ProvidersPage isInstanceOwner={await isInstanceOwner(user.id)} />
    </>
  );
}
