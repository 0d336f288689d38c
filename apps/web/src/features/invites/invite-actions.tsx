"use client";

import { useRouter } from "next/navigation";
import { signIn, signOut } from "next-auth/react";
import { useId, useState } from "react";
import { ErrorNote } from "@/components/error-note";
import { buttonClass, secondaryButtonClass } from "@/components/styles";
import { SubmitButton } from "@/components/submit-button";
import { TextField } from "@/components/text-field";
import { callEndpoint } from "@/lib/api-client";
import { acceptInvite } from "./contract";
import { signUpWithInviteAction } from "./sign-up-with-invite";

const teamHome = (teamId: string) => `/team?team=${encodeURIComponent(teamId)}`;

export function AcceptInviteButton({ token, teamName }: { token: string; teamName: string }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<{ message: string } | null>(null);
  return (
    <div className="space-y-3">
      <button
        type="button"
        className={buttonClass}
        disabled={pending}
        onClick={async () => {
          setPending(true);
          setError(null);
          try {
            const { team } = await callEndpoint(acceptInvite, { params: { token } });
            router.replace(teamHome(team.id));
            router.refresh();
          } catch (caught) {
            setError(caught instanceof Error ? caught : { message: "Could not join the team." });
            setPending(false);
          }
        }}
      >
        {pending ? "Joining…" : `Join ${teamName}`}
      </button>
      <ErrorNote error={error} />
    </div>
  );
}

export function SignOutToSwitch({ token }: { token: string }) {
  return (
    <button
      type="button"
      className={secondaryButtonClass}
      onClick={async () => {
        await signOut({ redirect: false });
        window.location.assign(`/invite/${encodeURIComponent(token)}`);
      }}
    >
      Sign out
    </button>
  );
}

export function SignUpWithInviteForm({ token, email }: { token: string; email: string }) {
  const id = useId();
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  return (
    <form
      aria-label="Create your account"
      className="space-y-4"
      onSubmit={async (event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        const name = String(form.get("name") ?? "");
        const password = String(form.get("password") ?? "");
        setPending(true);
        setMessage(null);
        setFields({});
        try {
          const result = await signUpWithInviteAction({ token, name, password });
          if (!result.ok) {
            setMessage(result.message);
            setFields(result.fields ?? {});
            setPending(false);
            return;
          }
          const signedIn = await signIn("credentials", {
            email: result.email,
            password,
            redirect: false,
          });
          if (!signedIn?.ok || signedIn.error) {
            router.replace("/login");
            return;
          }
          router.replace(teamHome(result.teamId));
          router.refresh();
        } catch {
          setMessage("The account could not be created. Try again.");
          setPending(false);
        }
      }}
    >
      <TextField id={`${id}-email`} label="Email" value={email} readOnly />
      <TextField
        id={`${id}-name`}
        label="Your name"
        name="name"
        autoComplete="name"
        required
        error={fields.name}
      />
      <TextField
        id={`${id}-password`}
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        minLength={10}
        required
        error={fields.password ?? "At least 10 characters."}
      />
      <SubmitButton pending={pending} pendingLabel="Creating your account…">
        Create account and join
      </SubmitButton>
      {message ? <ErrorNote error={{ message }} /> : null}
    </form>
  );
}
