import { ApiError } from "../../../api/client.js";
import { emit } from "../../../events.js";
import { cancelAndSubmit } from "../controls.js";
import { deviceTile } from "../device-list.js";
import type { AddScreen, DeviceMethod, ScreenFlow, ScreenParts } from "../types.js";

/**
 * A passkey (server/src/mfa/passkey-method.ts): the browser's own prompt does the work, run by ../../passkey.ts (a
 * chunk of its own, with @simplewebauthn/browser); this screen says what will happen.
 */

type PasskeyScreen = Extract<AddScreen, { kind: "passkey" }>;

const supported = () => typeof PublicKeyCredential !== "undefined" && typeof navigator.credentials?.create === "function";

/**
 * The browser's ceremony with the server's options, then the activation. A request the prompt ended without a
 * passkey, or the server refused, is deleted; trying again starts a new one.
 */
function createPasskey(flow: ScreenFlow, screen: PasskeyScreen): Promise<void> {
  return flow.act("primary", async () => {
    flow.notice = null;
    let added = screen.added;
    try {
      const { createPasskey: ceremony } = await import("../../passkey.js");
      // A request the server already used (or that expired) is replaced by a new one.
      added ??= screen.added = await flow.startAdding({ type: "passkey" });
      if (!added.webauthn) throw new ApiError(0, "unknown", "no passkey options");
      let credential;
      try {
        credential = await ceremony(added.webauthn);
      } catch (error) {
        // No passkey came of it: the started device goes (no half-made row is left on the list); trying again
        // starts another.
        screen.added = undefined;
        await flow.discard(added.device);
        return refused(flow, error);
      }
      screen.added = undefined;
      await flow.activate(added.device, { credential });
    } catch (error) {
      if (added && !screen.added) void flow.discard(added.device);
      flow.fail(error, { retry: () => createPasskey(flow, screen) });
    }
  });
}

/** The browser's prompt ended without a passkey: usually the person closed it, which is no cause for alarm. */
function refused(flow: ScreenFlow, error: unknown): void {
  const { t } = flow;
  const name = error instanceof Error ? error.name : "";
  const [code, text] =
    name === "NotAllowedError" || name === "AbortError"
      ? ["passkey_cancelled", t.passkeyCancelled]
      : name === "InvalidStateError"
        ? ["passkey_exists", t.passkeyExists]
        : ["passkey_failed", t.passkeyFailed];
  flow.notice = { tone: code === "passkey_failed" ? "error" : "warning", text };
  flow.update();
  emit(flow.ctx.host, "profile-widget-error", { flow: "devices", code, message: text });
}

function renderPasskey(flow: ScreenFlow, screen: PasskeyScreen): ScreenParts {
  const { t } = flow;
  return {
    title: t.passkeyTitle,
    text: t.passkeyText,
    icon: deviceTile({ type: "passkey" }),
    body: cancelAndSubmit(
      flow,
      { label: t.createPasskey, busyLabel: t.creatingPasskey, onClick: () => createPasskey(flow, screen) },
      () => screen.added?.device,
    ),
  };
}

export const passkeyMethod: DeviceMethod = {
  type: "passkey",
  // The device is started at once: the server's answer carries the options for the browser's prompt.
  choose: (flow) => flow.begin("passkey", () => import("../../passkey.js"), (added) => flow.show({ kind: "passkey", added })),
  unsupported: (flow) => (supported() ? undefined : flow.t.passkeyUnsupported),
  screens: { passkey: renderPasskey },
};
