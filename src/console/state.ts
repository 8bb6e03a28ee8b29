// The tenant the console shows: the emulator's tenants (control plane), the one picked kept in this tab's storage.
import { useEffect, useState } from "preact/hooks";
import { control } from "./api";

export interface Tenant {
  tenantUid: string;
  name: string;
  createdAt: string;
  counts: { orgs: number; users: number; devices: number };
}

const KEY = "code42-emulator.tenant";
let tenants: Tenant[] | null = null;
let error: string | null = null;
const listeners = new Set<() => void>();
const notify = () => listeners.forEach((l) => l());

export async function loadTenants(): Promise<void> {
  try {
    tenants = await control<Tenant[]>("GET", "tenants");
    error = null;
  } catch (e) {
    error = (e as Error).message;
  }
  notify();
}

export function selectTenant(uid: string): void {
  sessionStorage.setItem(KEY, uid);
  notify();
}

export interface TenantState {
  tenants: Tenant[] | null;
  error: string | null;
  /** The picked tenant, or the first (the default fixture's) when none was picked or it is gone. */
  current: Tenant | null;
}

export function useTenant(): TenantState {
  const [, set] = useState(0);
  useEffect(() => {
    const l = () => set((n) => n + 1);
    listeners.add(l);
    if (tenants === null && error === null) void loadTenants();
    return () => listeners.delete(l);
  }, []);
  const picked = sessionStorage.getItem(KEY);
  const current = tenants?.find((t) => t.tenantUid === picked) ?? tenants?.[0] ?? null;
  return { tenants, error, current };
}
