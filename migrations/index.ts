// The ordered list of migrations. Forward-only: add a file, never edit a released one.
import type { Migration } from "kysely";
import * as foundation from "./0001_foundation.js";

export const migrations: Record<string, Migration> = {
  "0001_foundation": foundation,
};
