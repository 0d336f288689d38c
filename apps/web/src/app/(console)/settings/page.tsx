import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { PageHeader } from "@/features/console/page-header";
import { isInstanceOwner } from "@/features/providers/server/instance-owner";
import { SettingsPage } from "@/features/teams/settings-page";
import { getSessionUser } from "@/server/auth";

export const metadata: Metadata = { title: "Settings" };

export default async function Page() {
  const user = await getSessionUser();
  if (!user) redirect("/login?callbackUrl=/settings");
  return (
    <>
      <PageHeader
        title="Settings"
        description="The current team's settings, and your personal admin tokens."
      />
      <SettingsPage isInstanceOwner={await isInstanceOwner(user.id)} />
    </>
  );
}
