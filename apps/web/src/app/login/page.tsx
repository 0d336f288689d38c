import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LoginForm } from "@/features/auth/login-form";
import { safeCallbackPath } from "@/features/auth/safe-callback";
import { getSessionUser } from "@/server/auth";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const callbackPath = safeCallbackPath((await searchParams).callbackUrl);
  if (await getSessionUser()) redirect(callbackPath);
  return (
    <main className="flex min-h-full items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="text-2xl font-semibold tracking-tight">Sign in to Switchyard</h1>
        <p className="mt-1 mb-6 text-sm text-slate-500">The console for your model router.</p>
        <LoginForm callbackPath={callbackPath} />
      </div>
    </main>
  );
}
