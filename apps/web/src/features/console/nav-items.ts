export interface NavItem {
  href: string;
  label: string;
}

/** The console's sections, in navigation order. */
export const navItems: readonly NavItem[] = [
  { href: "/", label: "Overview" },
  { href: "/keys", label: "API keys" },
  { href: "/policies", label: "Routing policies" },
  { href: "/learning", label: "Learning" },
  { href: "/budgets", label: "Budgets" },
  { href: "/spend", label: "Spend" },
  { href: "/statement", label: "Statement" },
  { href: "/providers", label: "Providers & models" },
  { href: "/requests", label: "Request log" },
];

/** The nav item a path belongs to ("/keys/123" → API keys; "/" only matches itself). */
export function activeNavItem(pathname: string): NavItem | undefined {
  return navItems.find((item) =>
    item.href === "/"
      ? pathname === "/"
      : pathname === item.href || pathname.startsWith(`${item.href}/`),
  );
}
