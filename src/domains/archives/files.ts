// The files an archive holds, as a fixture declares them (a flat list of file paths), read as the tree a web restore
// walks: every folder above a file is a node, the roots are "/" or a drive ("C:/"), and a node's id is the MD5 of its
// path (stable across exports and tenant copies, and the 32 hex digits Code42's file ids are).
import { createHash } from "node:crypto";

/** A file as stored on the archive's row (and written by the state export). */
export interface ArchiveFile {
  path: string;
  size: number;
  /** The file's text; without one, the restore makes `size` bytes of its own. */
  content?: string;
  lastModified: string;
  deleted?: boolean;
}

export interface ArchiveNode {
  id: string;
  path: string;
  /** The last path segment; a root's is "/". */
  filename: string;
  type: "directory" | "file";
  deleted: boolean;
  lastModified: string;
  size: number;
}

/** What a selection adds up to, as the file-size job reports it. */
export interface NodeSizes {
  numFiles: number;
  numDirs: number;
  size: number;
}

/** Backslashes to slashes, no trailing slash but on a root. */
export function normalPath(path: string): string {
  const p = path.replace(/\\/g, "/").replace(/\/+/g, "/");
  return /^([A-Za-z]:)?\/$/.test(p) ? p : p.replace(/\/$/, "");
}

export const fileId = (path: string) => createHash("md5").update(path).digest("hex");

function parentOf(path: string): string | null {
  if (/^([A-Za-z]:)?\/$/.test(path)) return null;
  const cut = path.lastIndexOf("/");
  const parent = path.slice(0, cut);
  return parent === "" || /^[A-Za-z]:$/.test(parent) ? `${parent}/` : parent;
}

export function parseFiles(json: string | null): ArchiveFile[] {
  return json ? (JSON.parse(json) as ArchiveFile[]) : [];
}

/** An archive's tree: its nodes by id and each folder's children, in path order. */
export class ArchiveTree {
  readonly nodes = new Map<string, ArchiveNode>();
  private readonly children = new Map<string, ArchiveNode[]>();
  private readonly files = new Map<string, ArchiveFile>();

  constructor(files: ArchiveFile[]) {
    for (const f of [...files].sort((a, b) => (a.path < b.path ? -1 : 1))) {
      this.files.set(f.path, f);
      this.add({ id: fileId(f.path), path: f.path, filename: f.path.slice(f.path.lastIndexOf("/") + 1), type: "file", deleted: Boolean(f.deleted), lastModified: f.lastModified, size: f.size });
    }
    for (const root of this.roots()) this.settle(root);
  }

  /** A folder is deleted when everything in it is; it was last modified when its latest file was. */
  private settle(node: ArchiveNode): void {
    if (node.type === "file") return;
    const kids = this.childrenOf(node.id);
    for (const k of kids) this.settle(k);
    node.deleted = kids.every((k) => k.deleted);
    node.lastModified = kids.reduce((latest, k) => (k.lastModified > latest ? k.lastModified : latest), "");
  }

  private add(node: ArchiveNode): void {
    this.nodes.set(node.id, node);
    const parentPath = parentOf(node.path);
    if (parentPath === null) return;
    let parent = this.nodes.get(fileId(parentPath));
    if (!parent) {
      parent = { id: fileId(parentPath), path: parentPath, filename: parentOf(parentPath) === null ? "/" : parentPath.slice(parentPath.lastIndexOf("/") + 1), type: "directory", deleted: false, lastModified: "", size: 0 };
      this.add(parent);
    }
    const list = this.children.get(parent.id) ?? [];
    list.push(node);
    this.children.set(parent.id, list);
  }

  roots(): ArchiveNode[] {
    return [...this.nodes.values()].filter((n) => parentOf(n.path) === null).sort((a, b) => (a.path < b.path ? -1 : 1));
  }

  childrenOf(id: string): ArchiveNode[] {
    return [...(this.children.get(id) ?? [])].sort((a, b) => (a.path < b.path ? -1 : 1));
  }

  byPath(path: string): ArchiveNode | undefined {
    return this.nodes.get(fileId(normalPath(path)));
  }

  /** The files under a node (the node itself if it is one), deleted ones only when asked for. */
  filesUnder(node: ArchiveNode, showDeleted: boolean): ArchiveFile[] {
    if (node.type === "file") return !node.deleted || showDeleted ? [this.files.get(node.path)!] : [];
    return this.childrenOf(node.id).flatMap((c) => this.filesUnder(c, showDeleted));
  }

  sizes(node: ArchiveNode, showDeleted: boolean): NodeSizes {
    if (node.type === "file") return !node.deleted || showDeleted ? { numFiles: 1, numDirs: 0, size: node.size } : { numFiles: 0, numDirs: 0, size: 0 };
    const total = { numFiles: 0, numDirs: 1, size: 0 };
    for (const c of this.childrenOf(node.id)) {
      if (c.deleted && !showDeleted) continue;
      const s = this.sizes(c, showDeleted);
      total.numFiles += s.numFiles;
      total.numDirs += s.numDirs;
      total.size += s.size;
    }
    return total;
  }
}

/** A file's bytes: its text, or `size` bytes naming it when the fixture gave none. */
export function contentOf(file: ArchiveFile): Buffer {
  if (file.content !== undefined) return Buffer.from(file.content);
  const line = Buffer.from(`${file.path}\n`);
  const out = Buffer.alloc(file.size);
  for (let i = 0; i < file.size; i += line.length) line.copy(out, i);
  return out;
}
