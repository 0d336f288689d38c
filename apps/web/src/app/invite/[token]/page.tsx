import { normalizeEmail } from "@switchyard/db";
import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import {
  AcceptInviteButton,
  SignOutToSwitch,
  SignUpWithInviteForm,
} from "@/features/invites/invite-actions";
import { findInvite } from "@/features/invites/server/redeem-invite";
import { getSessionUser } from "@/server/auth";
import { getPrisma } from "@/server/db";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Team invite" };

function Panel({ title, children }: { title: string; children: ReactNode }) {
  return (
    <main className="flex min-h-full items-center justify-center px-4 py-12">
      <div className="w-full max-w-md space-y-4 rounded-xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
        <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
        {children}
      </div>
    </main>
  );
}

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invite = await findInvite(getPrisma(), token);
  if (!invite) {
    return (
      <Panel title="Invite not found">
        <p className="text-sm text-slate-600" data-testid="invite-problem">
          This invite link is not valid. Check that you copied all of it, or ask a team admin for a
          new one.
        </p>
      </Panel>
    );
  }
  if (invite.state !== "open") {
    return (
      <Panel title={invite.state === "accepted" ? "Invite already used" : "Invite expired"}>
        <p className="text-sm text-slate-600" data-testid="invite-problem">
          {invite.state === "accepted"
            ? `This invite to ${invite.team.name} was already used. Invite links work once.`
            : `This invite to ${invite.team.name} has expired.`}{" "}
          Ask a team admin for a new one.
        </p>
        <Link href="/" className="text-sm text-indigo-700 underline">
          Go to the console
        </Link>
      </Panel>
    );
  }
  const user = await getSessionUser();
  const title = `Join ${invite.team.name}`;
  const summary = (
    <p className="text-sm text-slate-600">
      You are invited to <strong>{invite.team.name}</strong> as <strong>{invite.role}</strong> (
      {invite.email}).
    </p>
  );
  if (user) {
    if (normalizeEmail(user.email) !== normalizeEmail(invite.email)) {
      return (
        <Panel title={title}>
          {summary}
          <p className="text-sm text-slate-600" data-testid="invite-problem">
            You are signed in as {user.email}. Sign out, then open the link again as {invite.email}.
          </p>
          <SignOutToSwitch token={token} />
        </Panel>
      );
    }
    return (
      <Panel title={title}>
        {summary}
        <AcceptInviteButton token={token} teamName={invite.team.name} />
      </Panel>
    );
  }
  if (invite.hasAccount) {
    return (
      <Panel title={title}>
        {summary}
        <p className="text-sm text-slate-600">Sign in as {invite.email} to accept it.</p>
        <Link
          href={`/login?callbackUrl=${encodeURIComponent(`/invite/${token}`)}`}
          className="inline-block rounded-md bg-indigo-600 px-3 py-2 text-sm font-medium text-on-accent"
        >
          Sign in to accept
        </Link>
      </Panel>
    );
  }
  return (
    <Panel title={title}>
      {summary}
      <p className="text-sm text-slate-600">Create your account to join.</p>
      <SignUpWithInviteForm token={token} email={invite.email} />
    </Panel>
  );
}
