// The v2 event's every key (generated from GatewayFileEventV2 in openapi/gateway/file-events.yaml): a real event
// carries them all, null or [] when empty, and the SDK's model requires them. `null` is a scalar, `[]` a list of
// scalars, `[shape]` a list of objects of that shape.
type Shape = null | [] | [ShapeObject] | ShapeObject;
interface ShapeObject { [key: string]: Shape }

// Parts that source, destination and related events share (the shape is only read, so one object serves each place).
const TAB: ShapeObject = { title: null, titleError: null, url: null, urlError: null };
const REMOVABLE_MEDIA: ShapeObject = { vendor: null, name: null, serialNumber: null, capacity: null, busType: null, mediaName: null, volumeName: [], partitionId: [] };
const IDENTIFIER: ShapeObject = { key: null, value: null };

const EVENT_SHAPE: ShapeObject = {
  "@timestamp": null,
  event: {
    id: null,
    inserted: null,
    ingested: null,
    action: null,
    observer: null,
    detectorDisplayName: null,
    shareType: [],
    vector: null,
    xfcEventId: null,
    relatedEvents: [{
      id: null,
      agentTimestamp: null,
      eventAction: null,
      sourceCategory: null,
      sourceName: null,
      tabs: [TAB],
      userEmail: null,
    }],
  },
  user: {
    email: null,
    id: null,
    deviceUid: null,
  },
  file: {
    name: null,
    originalName: null,
    directory: null,
    originalDirectory: null,
    category: null,
    mimeType: null,
    mimeTypeByBytes: null,
    categoryByBytes: null,
    mimeTypeByExtension: null,
    categoryByExtension: null,
    sizeInBytes: null,
    owner: null,
    created: null,
    modified: null,
    hash: {
      md5: null,
      sha256: null,
      md5Error: null,
      sha256Error: null,
    },
    id: null,
    url: null,
    directoryId: [],
    cloudDriveId: null,
    classifications: [{
      value: null,
      vendor: null,
    }],
    acquiredFrom: [{
      eventId: null,
      agentTimestamp: null,
      eventAction: null,
      fileName: null,
      md5: null,
      sourceCategory: null,
      sourceName: null,
      sourceAccountName: null,
      sourceAccountType: null,
      sourceDomains: [],
      sourceUser: {
        email: [],
      },
      tabs: [TAB],
      userEmail: null,
      git: {
        repositoryEmail: null,
        repositoryUri: null,
        repositoryUser: null,
      },
    }],
    changeType: null,
    archiveId: null,
    parentArchiveId: null,
    passwordProtected: null,
  },
  report: {
    id: null,
    name: null,
    description: null,
    headers: [],
    count: null,
    type: null,
  },
  source: {
    category: null,
    name: null,
    user: {
      email: [],
    },
    domain: null,
    ip: null,
    privateIp: [],
    operatingSystem: null,
    email: {
      sender: null,
      from: null,
    },
    removableMedia: REMOVABLE_MEDIA,
    tabs: [TAB],
    accountName: null,
    accountType: null,
    domains: [],
    remoteHostname: null,
    identifiers: [IDENTIFIER],
  },
  destination: {
    category: null,
    name: null,
    user: {
      email: [],
    },
    ip: null,
    privateIp: [],
    operatingSystem: null,
    printJobName: null,
    printerName: null,
    printedFilesBackupPath: null,
    removableMedia: REMOVABLE_MEDIA,
    email: {
      recipients: [],
      subject: null,
    },
    tabs: [TAB],
    accountName: null,
    accountType: null,
    domains: [],
    remoteHostname: null,
    identifiers: [IDENTIFIER],
  },
  process: {
    executable: null,
    owner: null,
    extension: {
      browser: null,
      version: null,
      loggedInUser: null,
    },
  },
  risk: {
    score: null,
    severity: null,
    indicators: [{
      name: null,
      id: null,
      weight: null,
    }],
    trusted: null,
    trustReason: null,
    untrustedValues: {
      accountNames: [],
      domains: [],
      gitRepositoryUris: [],
      slackWorkspaces: [],
      urlPaths: [],
    },
  },
  git: {
    eventId: null,
    lastCommitHash: null,
    repositoryUri: null,
    repositoryUser: null,
    repositoryEmail: null,
    repositoryEndpointPath: null,
  },
  responseControls: {
    preventativeControl: null,
    userJustification: {
      reason: null,
      text: null,
    },
  },
};

// Both walks over the shape are compiled once into plain functions (one object literal per level): walking the shape
// object per event cost several times the JSON parsing of the event, and every event loaded is pruned (its lists of
// objects completed).
type Walk = (value: unknown) => unknown;

function compile(shape: ShapeObject, body: (fns: string[], shape: ShapeObject) => string): Walk {
  const fns: string[] = [];
  const top = body(fns, shape);
  return new Function(`"use strict"; ${fns.join("\n")} return ${top};`)() as Walk;
}

const key = (k: string) => JSON.stringify(k);

/** Source of the function completing an object of this shape; answers its name. */
function completer(fns: string[], shape: ShapeObject): string {
  const at = fns.push("") - 1;
  const name = `c${at}`;
  const field = (k: string, s: Shape): string => {
    const v = `v[${key(k)}]`;
    if (s === null) return `${v} ?? null`;
    if (Array.isArray(s)) {
      const item = s[0] === undefined ? "" : `.map(${completer(fns, s[0])})`;
      return `Array.isArray(${v}) ? ${v}${item} : ${v} ?? []`;
    }
    return `${completer(fns, s)}(${v})`;
  };
  const fields = Object.entries(shape).map(([k, s]) => `${key(k)}: ${field(k, s)}`);
  fns[at] = `function ${name}(v) {
    if (v === null || v === undefined) v = {};
    else if (typeof v !== "object" || Array.isArray(v)) return v;
    return { ${fields.join(", ")} };
  }`;
  return name;
}

/** Source of the function keeping of an object what the shape knows and is not empty (undefined: nothing left). */
function pruner(fns: string[], shape: ShapeObject): string {
  const at = fns.push("") - 1;
  const name = `p${at}`;
  const field = (k: string, s: Shape): string => {
    const take = `{ o[${key(k)}] = x; n++; }`;
    if (s === null) return `x = v[${key(k)}]; if (x !== null && x !== undefined) ${take}`;
    if (Array.isArray(s)) {
      // The items of a list of objects are kept complete: json_patch replaces a list whole (EMPTY_EVENT_JSON).
      const item = s[0] === undefined ? "" : `x = x.map(${completer(fns, s[0])});`;
      return `x = v[${key(k)}]; if (Array.isArray(x)) { if (x.length) { ${item} ${take} } } else if (x !== null && x !== undefined) ${take}`;
    }
    return `x = ${pruner(fns, s)}(v[${key(k)}]); if (x !== undefined) ${take}`;
  };
  fns[at] = `function ${name}(v) {
    if (v === null || v === undefined) return undefined;
    if (typeof v !== "object" || Array.isArray(v)) return v;
    const o = {}; let n = 0, x;
    ${Object.entries(shape).map(([k, s]) => field(k, s)).join("\n    ")}
    return n ? o : undefined;
  }`;
  return name;
}

const complete = compile(EVENT_SHAPE, completer);

const prune = compile(EVENT_SHAPE, pruner);

/** The event with every key of the v2 shape present (missing ones null or []) and no other (the wire's schema is closed). */
export function completeEvent(event: Record<string, unknown>): Record<string, unknown> {
  return complete(event) as Record<string, unknown>;
}

/**
 * The event as stored: the keys of the v2 shape it gives a value, without the nulls and empty lists completeEvent
 * puts back (half the bytes of a complete event, and loading is paid by the byte); lists are kept whole. SQL reads a
 * missing key as it reads a null, and json_each a missing list as an empty one, so a query finds the same events in
 * either form.
 */
export function sparseEvent(event: Record<string, unknown>): Record<string, unknown> {
  return (prune(event) as Record<string, unknown> | undefined) ?? {};
}

/** The object at event[key], made when missing; undefined when the key holds something else. */
export function objectIn(event: Record<string, unknown>, key: string): Record<string, unknown> | undefined {
  const value = (event[key] ??= {});
  return typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/**
 * The complete event without a value. SQLite's json_patch (RFC 7396) of it with an event as sparseEvent stores it
 * gives JSON.stringify(completeEvent(event)): the empty event's key order, each stored value in its place.
 */
export const EMPTY_EVENT_JSON = JSON.stringify(completeEvent({}));
