// The sign-in rules: who gets a token, how a token becomes a caller, how a username signs in.
import type { Clock } from "../clock.js";
import type { ChangeCounter } from "../db/open.js";
import { API_CLIENT_TOKEN_TTL_SECONDS, USER_TOKEN_TTL_SECONDS } from "../config.js";
import { ApiError, unauthorized } from "../http/errors.js";
import type { BasicCredentials } from "./basic.js";
import { verifySecret } from "./passwords.js";
import type { Principal } from "./principal.js";
import type { SignInLocks } from "./lockout.js";
import type { AuthStore, SignInFailure } from "./store.js";
import type { TokenClaims, TokenService } from "./tokens.js";
import { totpStep } from "./totp.js";

export type LoginType = "LOCAL" | "LOCAL_2FA" | "CLOUD_SSO";

const PRINCIPAL_CACHE_LIMIT = 10_000;

export class AuthService {
  /** The caller behind each token, with the change count it was read at: resolving costs three queries. */
  private readonly principals = new Map<string, { changes: number; principal: Principal | null }>();

  constructor(
    private readonly store: AuthStore,
    private readonly tokens: TokenService,
    private readonly clock: Clock,
    private readonly changes: ChangeCounter,
    private readonly locks: SignInLocks,
  ) {}

  /**
   * Basic credentials (+ TOTP for two-factor users) -> a 30-minute user token.
   * Usernames are unique per tenant only, so the password decides which tenant's user is signing in.
   */
  async signInUser(credentials: BasicCredentials | null, totp: string | undefined): Promise<string> {
    if (!credentials) throw unauthorized("Basic credentials are required");
    const locked = await this.locks.lockedFor(credentials.name);
    if (locked > 0) {
      const users = await this.store.signInCandidates(credentials.name);
      await this.store.recordSignInFailure(users.map((user) => ({ user, reason: "ACCOUNT_LOCKED" as const })), credentials.name, this.clock.isoNow());
      throw new ApiError(401, "ACCOUNT_LOCKED", `Too many failed sign-ins for this username: try again in ${Math.ceil(locked / 60_000)} minutes (or DELETE /_emulator/sign-in-locks)`);
    }
    try {
      const token = await this.signInUnlocked(credentials, totp);
      await this.locks.succeeded(credentials.name);
      return token;
    } catch (e) {
      if (e instanceof ApiError && (e.code === "INVALID_CREDENTIALS" || e.code === "TIME_BASED_ONE_TIME_PASSWORD_INVALID")) await this.locks.failed(credentials.name);
      throw e;
    }
  }

  private async signInUnlocked(credentials: BasicCredentials, totp: string | undefined): Promise<string> {
    const candidates = await this.store.signInCandidates(credentials.name);
    const refused: { user: (typeof candidates)[number]; reason: SignInFailure }[] = [];
    for (const user of candidates) {
      if (!(await verifySecret(credentials.secret, user.password_hash))) {
        refused.push({ user, reason: "INVALID_CREDENTIALS" });
        continue;
      }
      // A blocked or deactivated user's right password is answered as a wrong one: the answer does not tell a
      // guesser they found it (docs/WIRE-DECISIONS.md).
      if (!user.active || user.blocked || !(await this.store.orgChainOpen(user.org_id))) {
        refused.push({ user, reason: "USER_INACTIVE" });
        continue;
      }
      if (user.totp_secret) {
        // Asking for the second factor is a step of signing in, not a failure.
        if (!totp) throw new ApiError(401, "TIME_BASED_ONE_TIME_PASSWORD_REQUIRED", "A totp-auth code is required for this user");
        const step = totpStep(user.totp_secret, totp.trim(), this.clock.nowSeconds(), user.totp_last_step);
        if (step === null || !(await this.store.useTotpStep(user.user_id, step))) {
          await this.store.recordSignInFailure([{ user, reason: "TIME_BASED_ONE_TIME_PASSWORD_INVALID" }], credentials.name, this.clock.isoNow());
          throw new ApiError(401, "TIME_BASED_ONE_TIME_PASSWORD_INVALID", "The totp-auth code is not valid, or was used already");
        }
      }
      await this.store.recordSignIn(user, credentials.name, this.clock.isoNow());
      return this.tokens.issue(user.user_uid, user.tenant_uid, "user", USER_TOKEN_TTL_SECONDS);
    }
    await this.store.recordSignInFailure(refused, credentials.name, this.clock.isoNow());
    throw new ApiError(401, "INVALID_CREDENTIALS", "Invalid username or password");
  }

  /** OAuth client-credentials grant for API clients. */
  async signInApiClient(credentials: BasicCredentials | null): Promise<{ token: string; expiresIn: number }> {
    if (!credentials) throw unauthorized("Basic client credentials are required");
    const client = await this.store.apiClient(credentials.name);
    if (!client || !(await verifySecret(credentials.secret, client.secret_hash)))
      throw new ApiError(401, "INVALID_CLIENT", "Invalid client id or secret");
    const token = this.tokens.issue(client.client_id, client.tenant_uid, "apiClient", API_CLIENT_TOKEN_TTL_SECONDS);
    return { token, expiresIn: API_CLIENT_TOKEN_TTL_SECONDS };
  }

  /** py42 docs: an unknown username answers LOCAL_2FA, so the answer reveals nothing. */
  async loginType(username: string | undefined): Promise<LoginType> {
    const user = username ? await this.store.loginTypeOf(username) : undefined;
    if (!user || user.totp_secret) return "LOCAL_2FA";
    return "LOCAL";
  }

  /** The caller a bearer token stands for, or null when the token or its subject is no longer good. */
  async principal(token: string): Promise<Principal | null> {
    // Expiry is the token service's to check on every call; who the subject is only changes with the data.
    const claims = this.tokens.verify(token);
    if (!claims) return null;
    const changes = this.changes();
    const cached = this.principals.get(token);
    if (cached?.changes === changes) return cached.principal;
    const principal = await this.resolve(claims);
    if (this.principals.size >= PRINCIPAL_CACHE_LIMIT) this.principals.delete(this.principals.keys().next().value!);
    this.principals.set(token, { changes, principal });
    return principal;
  }

  private async resolve(claims: TokenClaims): Promise<Principal | null> {
    if (claims.typ === "apiClient") {
      const client = await this.store.apiClient(claims.sub, claims.tid);
      if (!client) return null;
      return { kind: "apiClient", tenantUid: client.tenant_uid, clientId: client.client_id, roles: new Set(JSON.parse(client.roles)) };
    }
    const user = await this.store.activeUser(claims.tid, claims.sub);
    if (!user) return null;
    return {
      kind: "user",
      tenantUid: user.tenant_uid,
      userId: user.user_id,
      userUid: user.user_uid,
      username: user.username,
      orgId: user.org_id,
      roles: new Set(user.roles),
    };
  }
}
