import { usePostHog } from "posthog-js/react";
import { useState } from "react";

import { AppEvents } from "../analytics/events";
import { createAccount } from "../api";

type SignupMethod = "google" | "email" | "sso";

interface Invitation {
  workspaceId: string;
  email: string;
}

/** Growth's trial signup. Growth calls PostHog directly, as on the backend. */
export function TrialSignupForm({ workspaceId }: { workspaceId: string }) {
  const posthog = usePostHog();
  const [email, setEmail] = useState("");

  const submit = async (method: SignupMethod) => {
    const { userId } = await createAccount(email, method);
    posthog.identify(userId);
    posthog.capture(AppEvents.SignupCompleted, {
      workspace_id: workspaceId,
      plan_tier: "trial",
      signup_method: method,
      email,
    });
  };

  return (
    <form onSubmit={(e) => (e.preventDefault(), submit("email"))}>
      <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
      <button type="submit">Start my 14-day trial</button>
      <button type="button" onClick={() => submit("google")}>
        Continue with Google
      </button>
    </form>
  );
}

/** A teammate accepts an invitation into an existing workspace. */
export function AcceptInvitation({ invitation }: { invitation: Invitation }) {
  const posthog = usePostHog();

  const accept = async () => {
    const { userId } = await createAccount(invitation.email, "email");
    posthog.identify(userId);
    // evdict: ignore[EV601] invited signups are not in the tracking plan yet
    posthog.capture(AppEvents.SignupCompleted, {
      workspace_id: invitation.workspaceId,
      signup_method: "email",
    });
  };

  return <button onClick={accept}>Join the workspace</button>;
}
