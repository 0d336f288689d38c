import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { PageHeader } from "@/features/console/page-header";
import { KeysPage } from "@/features/keys/keys-page";
import { getSessionUser } from "@/server/auth";

export const metadata: Metadata = { title: "API keys" };

export default async function Page() {
  const user = await getSessionUser();
  if (!user) redirect("/login?callbackUrl=/keys");
  return (
    <>
      <PageHeader
        title="API keys"
        description="Create, scope and revoke the keys your applications use to call the gateway. A key's secret is shown once, when it is created."
      />
      <KeysPage userId={user.id} />
    </>
  );
}
