// The emulator's pages for people: an index, and the spec in Swagger UI, whose files the build copies into
// dist/swagger-ui (scripts/copy-swagger-ui.mjs; no CDN, and no swagger-ui-dist package on users' machines).
import express, { Router } from "express";
import { join } from "node:path";
import { packageRoot, packageVersion } from "../paths.js";

const swaggerUiDir = join(packageRoot, "dist", "swagger-ui");

// "Try it out" calls the spec's server; the page's own origin is the one that reaches this emulator from the
// browser, whatever port, container mapping or proxy stands between them.
const initializer = `window.onload = async () => {
  const spec = await (await fetch("/openapi.json")).json();
  spec.servers = [{ url: window.location.origin }];
  window.ui = SwaggerUIBundle({ spec, dom_id: "#swagger-ui", deepLinking: true });
};`;

const indexHtml = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>code42-emulator: the API</title>
<link rel="stylesheet" href="./swagger-ui.css"><link rel="stylesheet" href="./index.css">
<link rel="icon" type="image/png" href="./favicon-32x32.png" sizes="32x32"></head>
<body><div id="swagger-ui"></div><script src="./swagger-ui-bundle.js"></script><script src="./swagger-initializer.js"></script></body></html>`;

/** Static assets, mounted ahead of the API pipeline: they are files, not operations. */
export function docsAssets(): Router {
  const router = Router();
  router.get("/docs/swagger-initializer.js", (_req, res) => {
    res.type("application/javascript").send(initializer);
  });
  router.get("/docs/", (req, res) => {
    // Without its slash the page's relative asset URLs would resolve outside /docs/.
    if (!req.originalUrl.split("?")[0]!.endsWith("/")) return res.redirect(301, "/docs/");
    res.type("text/html").send(indexHtml);
  });
  router.use("/docs", express.static(swaggerUiDir, { index: false }));
  return router;
}

export function indexPage(): string {
  const links = [
    ["/console/", "The console: the tenant's users, orgs, watchlists, events, alerts and cases, and the emulator's journal, outbox, clock, faults and snapshots, live"],
    ["/docs/", "The API, browsable (Swagger UI over this emulator's own spec)"],
    ["/openapi.json", "The spec as JSON"],
    ["/openapi.yaml", "The spec as YAML"],
    ["/_emulator/coverage.html", "Coverage: which operations your suite has called, with which statuses"],
    ["/_emulator/journal", "The request journal (JSON)"],
    ["/_emulator/health", "Health"],
    ["/_emulator/outbox", "The outbox: emails the tenants sent"],
    ["/_emulator/clock", "The emulator clock"],
  ];
  return `<!doctype html><html><head><meta charset="utf-8"><title>code42-emulator</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:52rem}li{margin:.3rem 0}code{background:#f3f3f3;padding:0 .2rem}</style></head>
<body><h1>code42-emulator ${packageVersion}</h1>
<p>A stateful, wire-compatible emulator of the Code42 cloud API. Sign in with <code>test.user@example.com</code> / <code>password</code>
at <code>/c42api/v3/auth/jwt?useBody=true</code>, or point py42 here: <code>py42.sdk.from_local_account(&lt;this URL&gt;, …)</code>.</p>
<ul>${links.map(([href, text]) => `<li><a href="${href}">${href}</a> — ${text}</li>`).join("")}</ul>
<p>The control plane lives under <code>/_emulator/</code>: reset, fixtures, snapshots, tenant copies, clock, faults, journal, coverage, outbox (see the README).</p>
</body></html>`;
}
