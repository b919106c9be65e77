import { ACTIVITY_ROUTES } from "./activity";
import { MFA_ROUTES } from "./mfa";
import { PROFILE_ROUTES } from "./profile";
import type { ApiRoute } from "./route";
import { CONFIG_ROUTES, OPERATIONS_ROUTES } from "./service";
import { VERIFICATION_ROUTES } from "./verification";

/** Every documented route, in the document's order. */
export const API_ROUTES: readonly ApiRoute[] = [...CONFIG_ROUTES, ...PROFILE_ROUTES, ...MFA_ROUTES, ...VERIFICATION_ROUTES, ...ACTIVITY_ROUTES, ...OPERATIONS_ROUTES];
