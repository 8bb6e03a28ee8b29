// A tiny client of Code42's public gateway, written the way the incydr SDK works: an API client's OAuth token
// (POST /v1/oauth, HTTP Basic), renewed once its expires_in has passed, then plain JSON calls and page-by-page reads.
export class TinyGatewayClient {
  private token: { value: string; expiresAt: number } | null = null;

  constructor(
    private readonly baseUrl: string,
    private readonly clientId: string,
    private readonly secret: string,
    /** The client's own clock: a test moves it with the emulator's. */
    private readonly now: () => number = Date.now,
  ) {}

  private async bearer(): Promise<string> {
    if (this.token && this.now() < this.token.expiresAt) return this.token.value;
    const basic = Buffer.from(`${this.clientId}:${this.secret}`).toString("base64");
    const res = await fetch(`${this.baseUrl}/v1/oauth`, { method: "POST", headers: { authorization: `Basic ${basic}` } });
    if (!res.ok) throw new Error(`POST /v1/oauth: ${res.status}`);
    const body = (await res.json()) as { access_token: string; expires_in: number };
    this.token = { value: body.access_token, expiresAt: this.now() + body.expires_in * 1000 };
    return this.token.value;
  }

  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { authorization: `Bearer ${await this.bearer()}` };
    if (body !== undefined) headers["content-type"] = "application/json";
    const res = await fetch(`${this.baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    const text = await res.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** Every user, a page at a time, as the SDK's iter_all reads them (it stops at a short page). */
  async *users(pageSize = 100): AsyncGenerator<{ userId: string; username: string; orgGuid: string }> {
    for (let page = 1; ; page++) {
      const { users } = await this.call<{ users: { userId: string; username: string; orgGuid: string }[] }>("GET", `/v1/users?page=${page}&pageSize=${pageSize}`);
      yield* users;
      if (users.length < pageSize) return;
    }
  }
}
