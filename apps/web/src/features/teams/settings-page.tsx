"use client";

import { Suspense } from "react";
import { Loading } from "@/components/loading";
import { cardClass } from "@/components/styles";
import { AdminTokensView } from "../admin-tokens/admin-tokens-view";
import { InstanceSettingsView } from "../instance/instance-settings-view";
import { TeamGate } from "./team-gate";
import { TeamSettingsForm } from "./team-settings-form";

export function SettingsPage({ isInstanceOwner }: { isInstanceOwner: boolean }) {
  return (
    <div className="space-y-6">
      <section className={cardClass} aria-labelledby="team-settings-title">
        <h2 id="team-settings-title" className="mb-4 text-base font-semibold">
          Team settings
        </h2>
        <Suspense fallback={<Loading label="Loading…" />}>
          <TeamGate>{(team) => <TeamSettingsForm key={team.id} team={team} />}</TeamGate>
        </Suspense>
      </section>
      <section className={cardClass} aria-labelledby="tokens-title">
        <h2 id="tokens-title" className="mb-1 text-base font-semibold">
          Your admin tokens
        </h2>
        <p className="mb-4 text-sm text-slate-500">
          Personal tokens for scripts that call the management API with your roles.
        </p>
        <AdminTokensView />
      </section>
      {isInstanceOwner ? (
        <section className={cardClass} aria-labelledby="instance-title">
          <h2 id="instance-title" className="mb-1 text-base font-semibold">
            Instance settings
          </h2>
          <p className="mb-4 text-sm text-slate-500">
            Only you, the instance owner, see and change these.
          </p>
          <InstanceSettingsView />
        </section>
      ) : null}
    </div>
  );
}
