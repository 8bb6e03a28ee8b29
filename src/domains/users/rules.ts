// What a username, email, password and quota must look like. The authority API reports these as 500s whose body
// names the rule (py42 maps USERNAME_NOT_AN_EMAIL, EMAIL_INVALID, NEW_PASSWORD_INVALID, INVALID_USERNAME).
import { ApiError, clipped } from "../../http/errors.js";

export const MIN_PASSWORD_LENGTH = 8;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

const ruleBroken = (code: string, message: string) => new ApiError(500, code, message);

export function checkUsername(username: string): string {
  const trimmed = username.trim();
  if (!trimmed || /\s/.test(trimmed) || trimmed.length > 255) throw ruleBroken("INVALID_USERNAME", `Invalid username: ${clipped(username)}`);
  return trimmed;
}

export function checkEmail(email: string | null | undefined): string | null {
  if (email === null || email === undefined || email === "") return null;
  if (!EMAIL.test(email) || email.length > 255) throw ruleBroken("EMAIL_INVALID", `Invalid email: ${clipped(email)}`);
  return email;
}

export function checkPassword(password: string): string {
  if (password.length < MIN_PASSWORD_LENGTH) throw ruleBroken("NEW_PASSWORD_INVALID", `The password must be at least ${MIN_PASSWORD_LENGTH} characters`);
  return password;
}

export const duplicateUsername = (username: string) => ruleBroken("USER_DUPLICATE", `A user with the username ${clipped(username)} already exists`);
