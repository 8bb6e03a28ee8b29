// Wire <-> auth service: the token endpoints and the login configuration.
import { Router, type Request, type Response } from "express";
import { v3Envelope } from "../http/envelopes.js";
import { parseBasic } from "./basic.js";
import type { AuthService } from "./service.js";

export function authRoutes(auth: AuthService): Router {
  const router = Router();

  // useBody=true asks for the token in the body; both clients always send it, and the body is given regardless.
  const userToken = async (req: Request, res: Response) => {
    const token = await auth.signInUser(parseBasic(req.get("authorization")), req.get("totp-auth"));
    res.json({ v3_user_token: token });
  };
  router.get("/api/v3/auth/jwt", userToken);
  router.get("/c42api/v3/auth/jwt", userToken);

  router.post("/api/v3/oauth/token", async (req, res) => {
    const { token, expiresIn } = await auth.signInApiClient(parseBasic(req.get("authorization")));
    res.json({ access_token: token, token_type: "bearer", expires_in: expiresIn });
  });

  router.get("/api/v3/LoginConfiguration", async (req, res) => {
    const username = typeof req.query.username === "string" ? req.query.username : undefined;
    res.json(v3Envelope({ loginType: await auth.loginType(username) }));
  });

  return router;
}
