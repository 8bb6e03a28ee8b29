// Parses `Authorization: Basic base64(name:secret)`.
export interface BasicCredentials {
  name: string;
  secret: string;
}

export function parseBasic(header: string | undefined): BasicCredentials | null {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? "");
  if (!match) return null;
  const decoded = Buffer.from(match[1]!, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon <= 0) return null;
  return { name: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}
