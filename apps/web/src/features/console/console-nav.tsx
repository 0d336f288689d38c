"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { activeNavItem, navItems } from "./nav-items";

export function ConsoleNav() {
  const active = activeNavItem(usePathname() ?? "/");
  return (
    <nav aria-label="Console" className="flex flex-col gap-1 p-3">
      {navItems.map((item) => {
        const current = item.href === active?.href;
        return (
          <Link
            key={item.href}
            href={item.href}
            aria-current={current ? "page" : undefined}
            className={`rounded-md px-3 py-2 text-sm font-medium ${
              current
                ? "bg-indigo-50 text-indigo-700"
                : "text-slate-600 hover:bg-slate-100 hover:text-slate-900"
            }`}
          >
            {item.label}
          </Link>
        );
      })}
    </nav>
  );
}
