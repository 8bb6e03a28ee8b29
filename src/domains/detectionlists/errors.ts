// The detection-list service's error bulletins: the status and the text py42 matches (wire reference §7.3).
import { ApiError } from "../../http/errors.js";

const DLM = "com.code42.detectionlistmanagement.DetectionListMessages.";

/** 400 "Could not find user: …": py42's create_user turns it into Py42UnableToCreateProfileError. */
export const couldNotFindUser = (user: string) =>
  new ApiError(400, "INVALID_USER", `Could not find user: ${user}`, { "type$": "com.code42.casemanagement.CaseMessages.InvalidUser", user });

export const profileExists = (userName: string) =>
  new ApiError(400, "USER_ALREADY_EXISTS", `User already exists: ${userName}`, { "type$": `${DLM}UserAlreadyExists`, user: userName });

/** 400 "User already on list": py42 raises Py42UserAlreadyAddedError. */
export const alreadyOnList = (userId: string) =>
  new ApiError(400, "USER_ALREADY_ON_LIST", "User already on list", { "type$": `${DLM}UserAlreadyOnList`, userId });

/** 404: py42 raises Py42UserNotOnListError for any 404 from remove. */
export const notOnList = (userId: string) => new ApiError(404, "USER_NOT_ON_LIST", "User not on list", { "type$": `${DLM}UserNotOnList`, userId });

/** A rule the request breaks, worded as the service's validation bulletins are. */
export const invalid = (reason: string) =>
  new ApiError(400, "VALIDATION_ERROR", `Command or Query is invalid: ${reason}`, { "type$": `${DLM}ValidationError`, reason });

export const forbidden = (reason: string) => new ApiError(403, "FORBIDDEN", reason, { "type$": `${DLM}Forbidden` });
