// Two-factor codes (RFC 6238, 30-second steps) checked against the emulator clock.
import { generateSync, verifySync } from "otplib";

/** One step either side, as authenticator apps drift. */
const TOLERANCE_SECONDS = 30;

export function totpMatches(secret: string, code: string, epochSeconds: number): boolean {
  if (!/^\d{6}$/.test(code)) return false;
  try {
    return verifySync({ secret, token: code, epoch: epochSeconds, epochTolerance: TOLERANCE_SECONDS }).valid;
  } catch {
    return false;
  }
}

/** The current code for a secret: for tests and the control plane. */
export function totpCode(secret: string, epochSeconds: number): string {
  return generateSync({ secret, epoch: epochSeconds });
}
