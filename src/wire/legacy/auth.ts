// The legacy wire's sign-in operations, keyed by operationId: the token endpoints and the login configuration.
import type { Request, Response } from "express";
import { parseBasic } from "../../auth/basic.js";
import type { AuthService } from "../../auth/service.js";
import { v3Envelope } from "../../http/envelopes.js";
import type { HandlerTable } from "../../http/handlers.js";

export function authHandlers(auth: AuthService): HandlerTable {
  // useBody=true asks for the token in the body; both clients always send it, and the body is given regardless.
  const userToken = async (req: Request, res: Response) => {
    const token = await auth.signInUser(parseBasic(req.get("authorization")), req.get("totp-auth"));
    res.json({ v3_user_token: token });
  };
  return {
    getUserToken: userToken,
    getUserTokenC42api: userToken,
    getApiClientToken: async (req, res) => {
      const { token, expiresIn } = await auth.signInApiClient(parseBasic(req.get("authorization")));
      res.json({ access_token: token, token_type: "bearer", expires_in: expiresIn });
    },
    getLoginConfiguration: async (req, res) => {
      const username = typeof req.query.username === "string" ? req.query.username : undefined;
      res.json(v3Envelope({ loginType: await auth.loginType(username) }));
    },
  };
}
