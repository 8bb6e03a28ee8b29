// Who is calling: a signed-in user or an API client, always inside one tenant.
export interface UserPrincipal {
  kind: "user";
  tenantUid: string;
  userId: number;
  userUid: string;
  username: string;
  orgId: number;
  roles: ReadonlySet<string>;
}

export interface ApiClientPrincipal {
  kind: "apiClient";
  tenantUid: string;
  clientId: string;
  roles: ReadonlySet<string>;
}

export type Principal = UserPrincipal | ApiClientPrincipal;

declare module "express-serve-static-core" {
  interface Request {
    principal?: Principal;
  }
}
