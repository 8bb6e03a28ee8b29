// The emulator console's files (built into dist/console by scripts/bundle-console.mjs), served ahead of the API
// pipeline like /docs/: they are files, not operations, and hold no data. Everything the console shows it fetches
// from the emulator's own API and control plane, so --control-token guards it there.
import express, { Router } from "express";
import { join } from "node:path";
import { packageRoot } from "../paths.js";

const consoleDir = join(packageRoot, "dist", "console");

export function consoleAssets(): Router {
  const router = Router();
  router.get("/console", (req, res, next) => {
    // Without its slash the page's relative URLs would resolve outside /console/. Relative itself, so that it holds
    // behind a proxy that serves the emulator under a path of its own.
    if (req.originalUrl.split("?")[0] === "/console") return res.redirect(301, "console/");
    next();
  });
  // The page is small and changes with every build: never cached stale after an upgrade.
  router.use("/console", express.static(consoleDir, { index: "index.html", redirect: false, setHeaders: (res) => res.set("Cache-Control", "no-cache") }));
  return router;
}
