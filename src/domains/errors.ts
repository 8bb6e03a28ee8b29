// What a domain rule refuses, said once, in the domain's words: each wire decides how its clients hear it
// (src/wire/*/errors.ts), so a rule shared by the legacy API and SCIM is written, and refused, in one place.
export type DomainCode =
  /** Empty, with whitespace, or over 255 characters. */
  | "USERNAME_INVALID"
  /** Not an address, or over 255 characters. */
  | "EMAIL_INVALID"
  /** Another user of the tenant has the username. */
  | "USERNAME_TAKEN"
  /** Shorter than the minimum. */
  | "PASSWORD_INVALID"
  /** The user or device is in an active legal hold and cannot be deactivated. */
  | "ACTIVE_LEGAL_HOLD";

export class DomainError extends Error {
  constructor(
    readonly code: DomainCode,
    message: string,
  ) {
    super(message);
    this.name = "DomainError";
  }
}
