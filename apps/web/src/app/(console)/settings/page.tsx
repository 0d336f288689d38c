import type { Metadata } from "next";
import { PageHeader } from "@/features/console/page-header";
import { SettingsPage } from "@/features/teams/settings-page";

export const metadata: Metadata = { title: "Settings" };

export default function Page() {
  return (
    <>
      <PageHeader
        title="Settings"
        description="The current team's settings, and your personal admin tokens."
      />
      <SettingsPage />
    </>
  );
}
