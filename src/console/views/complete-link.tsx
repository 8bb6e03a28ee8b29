// The page an emailed account link leads to: set a password. It calls the API's completion operation
// (completeAccountLink, POST /api/v3/users/complete-link {token, password}) as the invited or reset user would, that is
// without the admin's token (the operation needs none: the one-time token is the proof).
import { useState } from "preact/hooks";
import { anonymous, HttpError } from "../api";
import { ApiCall, ErrorNote, Field, Notice, Page } from "../components/ui";
import { href } from "../router";
import type { ViewProps } from "./props";

const PATH = "/api/v3/users/complete-link";

/** The completion call, with no user token (marked as the console's, so a suite's coverage does not count it). */
export const completeLink = (token: string, password: string) => anonymous("POST", PATH, { body: { token, password } });

export function CompleteLinkView({ route }: ViewProps) {
  const token = route.params.get("token") ?? "";
  const kind = route.params.get("kind") ?? "";
  const to = route.params.get("to") ?? "";
  const [password, setPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const invitation = kind === "INVITATION";
  const title = invitation ? "Accept your invitation" : "Set a new password";

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    if (password !== confirm) {
      setError("The two passwords differ.");
      return;
    }
    setBusy(true);
    try {
      await completeLink(token, password);
      setDone(true);
    } catch (err) {
      const status = err instanceof HttpError ? ` (HTTP ${err.status})` : "";
      setError(`The API refused the password${status}: ${(err as Error).message}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title={title}>
      <ApiCall method="POST" path={PATH} note="body {token, password}; no user token: the link's one-time token is the proof" />
      <p class="muted">
        This is the page an emailed {invitation ? "invitation" : "password-reset"} link opens{to && <> for <strong>{to}</strong></>}. It acts as that user,
        not as the console's admin.
      </p>
      {!token ? (
        <ErrorNote error="This link carries no token. Open it from the outbox." />
      ) : done ? (
        <>
          <Notice>
            Password set{to && <> for {to}</>}. {to ? "They" : "The user"} can now sign in with it (GET /api/v3/auth/jwt with Basic credentials). The link is
            used up: following it again is refused.
          </Notice>
          <p>
            <a href={href("outbox")}>Back to the outbox</a>
          </p>
        </>
      ) : (
        <form class="form-narrow" onSubmit={submit}>
          {to && <input type="text" name="username" autoComplete="username" value={to} hidden readOnly />}
          <Field label="New password">
            <input type="password" autoComplete="new-password" value={password} onInput={(e) => setPassword(e.currentTarget.value)} required />
          </Field>
          <Field label="Confirm the password">
            <input type="password" autoComplete="new-password" value={confirm} onInput={(e) => setConfirm(e.currentTarget.value)} required />
          </Field>
          <ErrorNote error={error} />
          <div>
            <button type="submit" disabled={busy}>
              {busy ? "Setting…" : "Set the password"}
            </button>
          </div>
        </form>
      )}
    </Page>
  );
}
