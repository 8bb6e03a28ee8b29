// Two-factor codes (RFC 6238, 30-second steps) checked against the emulator clock.
import { generateSync, verifySync } from "otplib";

/** One step either side, as authenticator apps drift. */
const TOLERANCE_SECONDS = 30;

/** The time step of a good code, one after `afterStep` (a code is good once); else null. */
export function totpStep(secret: string, code: string, epochSeconds: number, afterStep: number | null): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  try {
    const result = verifySync({ secret, token: code, epoch: epochSeconds, epochTolerance: TOLERANCE_SECONDS, ...(afterStep === null ? {} : { afterTimeStep: afterStep }) });
    // A TOTP verification answers the step it matched (the type covers HOTP too).
    return result.valid ? (result as { timeStep: number }).timeStep : null;
  } catch {
    return null;
  }
}

/** The current code for a secret: for tests and the control plane. */
export function totpCode(secret: string, epochSeconds: number): string {
  return generateSync({ secret, epoch: epochSeconds });
}
