"use client";

import Link from "next/link";
import { Suspense } from "react";
import { Loading } from "@/components/loading";
import { cardClass } from "@/components/styles";
import { roleRank } from "@/lib/contract";
import { InvitesView } from "../invites/invites-view";
import { TeamGate } from "../teams/team-gate";
import { MembersView } from "./members-view";

export function TeamPage({ userId }: { userId: string }) {
  return (
    <Suspense fallback={<Loading label="Loading…" />}>
      <TeamGate>
        {(team) => (
          <div key={team.id} className="space-y-6">
            <section className={cardClass} aria-labelledby="members-title">
              <h2 id="members-title" className="mb-1 text-base font-semibold">
                Members of {team.name}
              </h2>
              <p className="mb-4 text-sm text-slate-500">
                Your role: {team.role}. Viewers see; members also create keys; admins manage
                members, invites and settings; owners also manage owners.
              </p>
              <MembersView team={team} userId={userId} />
            </section>
            {roleRank[team.role] >= roleRank.admin ? (
              <>
                <section className={cardClass} aria-labelledby="invites-title">
                  <h2 id="invites-title" className="mb-4 text-base font-semibold">
                    Invites
                  </h2>
                  <InvitesView team={team} />
                </section>
                <p className="text-sm">
                  <Link
                    className="text-indigo-700 underline"
                    href={`/team/audit?team=${encodeURIComponent(team.id)}`}
                  >
                    Audit log: who changed what in {team.name}
                  </Link>
                </p>
              </>
            ) : null}
          </div>
        )}
      </TeamGate>
    </Suspense>
  );
}
