import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { ConsoleNav } from "@/features/console/console-nav";
import { SignOutButton } from "@/features/console/sign-out-button";
import { TeamHeader } from "@/features/teams/team-header";
import { getSessionUser } from "@/server/auth";

export const dynamic = "force-dynamic";

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const user = await getSessionUser();
  if (!user) redirect("/login");
  return (
    <div className="flex min-h-full flex-col md:flex-row">
      <aside className="shrink-0 print:hidden border-b border-slate-200 bg-white md:w-60 md:border-r md:border-b-0">
        <ConsoleNav />
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="print:hidden flex flex-wrap items-center justify-end gap-x-4 gap-y-2 border-b border-slate-200 bg-white px-4 py-2 sm:px-6 sm:py-3">
          <TeamHeader />
          <span className="text-sm text-slate-600" data-testid="current-user">
            {user.name ? `${user.name} · ` : ""}
            {user.email}
          </span>
          <SignOutButton />
        </header>
        <main className="min-w-0 flex-1 px-4 py-6 sm:px-8 sm:py-8 print:p-0">{children}</main>
      </div>
    </div>
  );
}
