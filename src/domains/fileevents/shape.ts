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

function complete(shape: Shape, value: unknown): unknown {
  if (shape === null) return value === undefined ? null : value;
  if (Array.isArray(shape)) {
    if (!Array.isArray(value)) return value === null && shape.length === 0 ? [] : value ?? [];
    const item = shape[0];
    return item === undefined ? value : value.map((v) => complete(item, v));
  }
  if (value === null || value === undefined) value = {};
  if (typeof value !== "object" || Array.isArray(value)) return value;
  const given = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, s] of Object.entries(shape)) out[k] = complete(s, given[k]);
  return out;
}

/** The event with every key of the v2 shape present (missing ones null or []) and no other (the wire's schema is closed). */
export function completeEvent(event: Record<string, unknown>): Record<string, unknown> {
  return complete(EVENT_SHAPE, event) as Record<string, unknown>;
}
