// Issues and verifies the emulator's JWTs. Verified tokens are cached until they expire (by the emulator clock).
import { randomUUID } from "node:crypto";
import jwt from "jsonwebtoken";
import type { Clock } from "../clock.js";
import { TOKEN_ALGORITHM, type SigningKeys } from "./keys.js";

export const TOKEN_ISSUER = "code42-emulator";

export interface TokenClaims {
  /** user uid, or the API client id */
  sub: string;
  /** tenant uid */
  tid: string;
  typ: "user" | "apiClient";
  iat: number;
  exp: number;
}

const CACHE_LIMIT = 10_000;

export class TokenService {
  private readonly verified = new Map<string, TokenClaims>();

  constructor(
    private readonly keys: SigningKeys,
    private readonly clock: Clock,
  ) {}

  issue(sub: string, tid: string, typ: TokenClaims["typ"], ttlSeconds: number): string {
    const iat = this.clock.nowSeconds();
    // tenantUid: the incydr SDK reads the caller's tenant from the token itself (Client.tenant_id).
    return jwt.sign({ sub, tid, tenantUid: tid, typ, iat, exp: iat + ttlSeconds, jti: randomUUID() }, this.keys.privateKey, {
      algorithm: TOKEN_ALGORITHM,
      issuer: TOKEN_ISSUER,
      keyid: this.keys.kid,
    });
  }

  /** The claims of a valid, unexpired token, or null. */
  verify(token: string): TokenClaims | null {
    const now = this.clock.nowSeconds();
    const cached = this.verified.get(token);
    if (cached) return cached.exp > now ? cached : null;
    let claims: TokenClaims;
    try {
      claims = jwt.verify(token, this.keys.publicKey, {
        algorithms: [TOKEN_ALGORITHM],
        issuer: TOKEN_ISSUER,
        clockTimestamp: now,
      }) as TokenClaims;
    } catch {
      return null;
    }
    if (typeof claims.sub !== "string" || typeof claims.tid !== "string") return null;
    if (this.verified.size >= CACHE_LIMIT) this.verified.delete(this.verified.keys().next().value!);
    this.verified.set(token, claims);
    return claims;
  }

  get jwks() {
    return { keys: [this.keys.jwk] };
  }
}
