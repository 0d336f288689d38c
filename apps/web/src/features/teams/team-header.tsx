"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { Suspense } from "react";
import { TeamSwitcher } from "./team-switcher";

const links = [
  { href: "/team", label: "Team" },
  { href: "/settings", label: "Settings" },
];

/** The left side of the console header: the team switcher and the team/settings pages. */
export function TeamHeader() {
  const pathname = usePathname() ?? "/";
  return (
    <div className="mr-auto flex min-w-0 flex-wrap items-center gap-3">
      <Suspense fallback={<span className="text-sm text-slate-500">Loading teams…</span>}>
        <TeamSwitcher />
      </Suspense>
      <nav aria-label="Team" className="flex gap-1">
        {links.map((link) => {
          const current = pathname === link.href || pathname.startsWith(`${link.href}/`);
          return (
            <Link
              key={link.href}
              href={link.href}
              aria-current={current ? "page" : undefined}
              className={`rounded-md px-2 py-1.5 text-sm font-medium ${
                current ? "bg-indigo-50 text-indigo-700" : "text-slate-600 hover:bg-slate-100"
              }`}
            >
              {link.label}
            </Link>
          );
        })}
      </nav>
    </div>
  );
}
