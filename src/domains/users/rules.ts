// What a username, email and password must look like: the rules every way of making or changing a user goes through
// (the legacy API, SCIM, the CSV import), refused as domain errors that each wire words its own way.
import { sqlFunction } from "../../db/sql-functions.js";
import { DomainError } from "../errors.js";
import { clipped } from "../../http/errors.js";

export const MIN_PASSWORD_LENGTH = 8;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** Whether a text is shaped like an e-mail address (the console's "username is an e-mail" too). */
export const looksLikeEmail = (text: string) => EMAIL.test(text);

/** looksLikeEmail, in SQL too (a page SQLite writes). */
export const LOOKS_LIKE_EMAIL = sqlFunction("looks_like_email", looksLikeEmail, "boolean");

export function checkUsername(username: string): string {
  const trimmed = username.trim();
  if (!trimmed || /\s/.test(trimmed) || trimmed.length > 255) throw new DomainError("USERNAME_INVALID", `Invalid username: ${clipped(username)}`);
  return trimmed;
}

export function checkEmail(email: string | null | undefined): string | null {
  if (email === null || email === undefined || email === "") return null;
  if (!looksLikeEmail(email) || email.length > 255) throw new DomainError("EMAIL_INVALID", `Invalid email: ${clipped(email)}`);
  return email;
}

export function checkPassword(password: string): string {
  if (password.length < MIN_PASSWORD_LENGTH) throw new DomainError("PASSWORD_INVALID", `The password must be at least ${MIN_PASSWORD_LENGTH} characters`);
  return password;
}

export const duplicateUsername = (username: string) => new DomainError("USERNAME_TAKEN", `A user with the username ${clipped(username)} already exists`);
