import type { ApiRoute } from "./route";
import { errors } from "../errors";
import { ACTIVITY_PAGE_DEFAULT, ACTIVITY_PAGE_MAX } from "../services/activity";

/** GET /api/activity (the person's security events) and GET /api/profile/export (everything stored about them). */
export const ACTIVITY_ROUTES: ApiRoute[] = [
  {
    method: "get",
    path: "/api/activity",
    operationId: "listActivity",
    tag: "Activity",
    summary: "The signed-in user's security events",
    description:
      "Newest first, a page at a time: each change of the profile and the devices, and each second-factor proof, with " +
      "when, the client's IP address and its browser and OS. `detail` names fields and devices, never values, codes or " +
      "secrets. Events older than ACTIVITY_RETENTION_DAYS are deleted.",
    query: [
      { name: "limit", description: `Events per page, 1–${ACTIVITY_PAGE_MAX} (default ${ACTIVITY_PAGE_DEFAULT}).`, schema: { type: "integer", minimum: 1, maximum: ACTIVITY_PAGE_MAX } },
      { name: "before", description: "The `next` of the previous page: the events older than it.", schema: { type: "string" } },
    ],
    ok: { status: 200, description: "A page of events, and the cursor of the next.", schema: "ActivityPage" },
    errors: [errors.validationFailed({ limit: `Give a whole number from 1 to ${ACTIVITY_PAGE_MAX}.` })],
    async handle(c, { activity }) {
      return c.json(await activity.page(c.var.session, { limit: c.req.query("limit"), before: c.req.query("before") }));
    },
  },
  {
    method: "get",
    path: "/api/profile/export",
    operationId: "exportProfile",
    tag: "Activity",
    summary: "Download everything stored about the signed-in user",
    description:
      "One JSON document (GDPR Art. 15 and 20), sent as an attachment: the account, every stored profile value, the " +
      "changes waiting for a code, the devices (targets masked), how many recovery codes are left, and the activity. " +
      "Never a code, a secret or a key.",
    ok: { status: 200, description: "The export, with `Content-Disposition: attachment`.", schema: "ProfileExport", headers: ["Content-Disposition"] },
    async handle(c, { exports }) {
      const document = await exports.export(c.var.session);
      const day = document.exportedAt.slice(0, 10);
      const name = `${document.account.username.replace(/[^\w.-]+/g, "_").slice(0, 64) || "account"}-${day}.json`;
      c.header("Content-Disposition", `attachment; filename="profile-export-${name}"`);
      c.header("Cache-Control", "no-store");
      return c.body(`${JSON.stringify(document, null, 2)}\n`, 200, { "Content-Type": "application/json; charset=utf-8" });
    },
  },
];
