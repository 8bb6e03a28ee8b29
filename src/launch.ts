#!/usr/bin/env -S MALLOC_MMAP_THRESHOLD_=1048576 node --max-semi-space-size=1 --heap-growing-percent=100 --no-allocation-site-pretenuring
// What the bin, `npm start` and the Dockerfile run (bundled as dist/emulator.mjs): it loads the package's bundle
// (dist/index.cjs, src/bundle.ts) through V8's code cache and starts its command. Compiling the 4 MB bundle and the
// functions a start-up calls was about a tenth of a start-up; `npm run build` starts the server once and keeps V8's
// compiled code in dist/index.cache. A cache V8 refuses (other node flags or version, a rebuilt bundle) only costs
// the time it would have saved.
// Node's own flags above (the same in `npm start` and the Dockerfile, a test checks; the cache is made with them): a
// 1 MiB young generation and slower heap growth keep RSS near 100 MiB under load for a few % of CPU. Without
// allocation-site pretenuring, a burst of slow requests (scrypt sign-ins) does not leave V8 allocating every later
// request's objects in the old generation: that made a full GC every 0.5 s and doubled the p99 of fast reads that
// came after (docs/PERFORMANCE.md).
// MALLOC_MMAP_THRESHOLD_ (glibc; other C libraries ignore it) pins the size above which malloc maps memory of its own
// for a block and unmaps it on free. Left alone, glibc raises that size up to 32 MiB after the first such block is
// freed, and from then on large blocks (a start-up load's, a page's buffers) come from the heap and leave it in
// pieces it cannot give back: with a 100k-user tenant, ~40 MiB more resident after start-up and under load.
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire, Module } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Script } from "node:vm";
import { readText } from "./read-text.js";

const dir = dirname(fileURLToPath(import.meta.url));
const bundle = join(dir, "index.cjs");
const cacheFile = join(dir, "index.cache");
/** Set by scripts/code-cache.mjs: where to write the cache when this process exits. */
const writeTo = process.env.CODE42_EMULATOR_WRITE_CODE_CACHE;

const cachedData = !writeTo && existsSync(cacheFile) ? readFileSync(cacheFile) : undefined;
const script = new Script(Module.wrap(readText(bundle)), { filename: bundle, ...(cachedData ? { cachedData } : {}) });
if (process.env.CODE42_EMULATOR_REPORT_CODE_CACHE)
  process.stderr.write(`code cache: ${!cachedData ? "none" : script.cachedDataRejected ? "rejected" : "accepted"}\n`);
if (writeTo)
  // At exit the cache holds every function compiled so far: the start-up's and the requests' the script made.
  process.once("exit", () => {
    writeFileSync(`${writeTo}.tmp`, script.createCachedData());
    renameSync(`${writeTo}.tmp`, writeTo);
  });

const module_ = { exports: {} as { main(): Promise<void> } };
(script.runInThisContext() as (...args: unknown[]) => void)(module_.exports, createRequire(bundle), module_, bundle, dir);
await module_.exports.main();
