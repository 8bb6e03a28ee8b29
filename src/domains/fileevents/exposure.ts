// The exposure events of legacy fixtures, as file events (what is an exposure: mayBeExposure in v1-derived.ts).
type Event = Record<string, unknown>;

/**
 * The file event a legacy fixture's `fileExposureEvents: [{at, bytes}]` stands for: a copy of that many bytes to
 * removable media on the user's endpoint, as the v1 lists' exfiltration totals were made of.
 */
export function exposureEvent(eventId: string, user: { uid: string; email: string }, at: string, bytes: number): Event {
  return {
    "@timestamp": at,
    event: { id: eventId, inserted: at, ingested: at, action: "removable-media-created", observer: "Endpoint", vector: "REMOVABLE_MEDIA_OUT" },
    user: { email: user.email, id: user.uid },
    file: { sizeInBytes: bytes },
    source: { category: "Device" },
    destination: { category: "Removable Media" },
  };
}
