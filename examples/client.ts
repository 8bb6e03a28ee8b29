// A tiny Code42 client, the kind a team writes and then tests against the emulator: it signs in, renews its token
// on a 401 (as py42 does), and waits out a 429 once.
export class TinyCode42Client {
  private token: string | null = null;

  constructor(
    private readonly baseUrl: string,
    private readonly username: string,
    private readonly password: string,
  ) {}

  private async signIn(): Promise<string> {
    const basic = Buffer.from(`${this.username}:${this.password}`).toString("base64");
    const res = await fetch(`${this.baseUrl}/c42api/v3/auth/jwt?useBody=true`, { headers: { authorization: `Basic ${basic}` } });
    if (!res.ok) throw new Error(`sign-in failed: ${res.status}`);
    return ((await res.json()) as { v3_user_token: string }).v3_user_token;
  }

  async get<T>(path: string): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      this.token ??= await this.signIn();
      const res = await fetch(`${this.baseUrl}${path}`, { headers: { authorization: `v3_user_token ${this.token}` } });
      if (res.status === 401 && attempt === 0) {
        this.token = null;
        continue;
      }
      if (res.status === 429 && attempt === 0) {
        await new Promise((r) => setTimeout(r, Number(res.headers.get("retry-after") ?? 1) * 1000));
        continue;
      }
      if (!res.ok) throw new Error(`${path}: ${res.status}`);
      return (await res.json()) as T;
    }
  }

  async tenantId(): Promise<string> {
    return (await this.get<{ data: { tenantUid: string } }>("/c42api/v3/customer/my")).data.tenantUid;
  }
}
