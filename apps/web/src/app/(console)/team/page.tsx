import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { PageHeader } from "@/features/console/page-header";
import { TeamPage } from "@/features/members/team-page";
import { getSessionUser } from "@/server/auth";

export const metadata: Metadata = { title: "Team" };

export default async function Page() {
  const user = await getSessionUser();
  if (!user) redirect("/login?callbackUrl=/team");
  return (
    <>
      <PageHeader
        title="Team"
        description="Who is in the team, with which role, and the invite links that are still open."
      />
      <TeamPage userId={user.id} />
    </>
  );
}
