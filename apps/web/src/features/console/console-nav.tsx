"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useId, useState } from "react";
import { activeNavItem, navItems } from "./nav-items";

/**
 * The console's sidebar: the product name and the sections. On small screens the sections fold
 * behind a Menu button (so a page's content starts on the first screen) and fold again after a
 * section is chosen; from md up they are always shown.
 */
export function ConsoleNav() {
  const pathname = usePathname() ?? "/";
  const active = activeNavItem(pathname);
  const id = useId();
  const [open, setOpen] = useState(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: folds when the page changes
  useEffect(() => setOpen(false), [pathname]);
  return (
    <>
      <div className="flex items-center justify-between px-4 py-3 md:px-6 md:py-5">
        <Link href="/" className="text-lg font-semibold tracking-tight">
          Switchyard
        </Link>
        <button
          type="button"
          className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100 md:hidden"
          aria-expanded={open}
          aria-controls={`${id}-nav`}
          onClick={() => setOpen((value) => !value)}
        >
          Menu
        </button>
      </div>
      <nav
        id={`${id}-nav`}
        aria-label="Console"
        className={`${open ? "flex" : "hidden"} flex-col gap-1 px-3 pb-3 md:flex md:pt-0`}
      >
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
    </>
  );
}
