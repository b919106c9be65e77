import type { DeviceType } from "../../../api/client.js";
import type { AddScreen, DeviceMethod, ScreenFlow, ScreenParts } from "../types.js";
import { emailMethod, smsMethod } from "./code.js";
import { passkeyMethod } from "./passkey.js";
import { totpMethod } from "./totp.js";

/**
 * Every kind of device the widget can add, in the order they are offered (as server/src/mfa/methods.ts lists the
 * server's). A new kind is one module beside these and one entry here, plus its strings and its icon.
 */
export const METHODS: readonly DeviceMethod[] = [smsMethod, emailMethod, totpMethod, passkeyMethod];

const BY_TYPE = new Map<DeviceType, DeviceMethod>(METHODS.map((m) => [m.type, m]));

type Draw = (flow: ScreenFlow, screen: AddScreen) => ScreenParts;
const SCREENS = new Map<string, Draw>(METHODS.flatMap((m) => Object.entries(m.screens) as Array<[string, Draw]>));

/** The method of a device type, if the widget knows it. */
export const methodOf = (type: DeviceType): DeviceMethod | undefined => BY_TYPE.get(type);

/** A step of adding a device, drawn by the method it belongs to. */
export function renderAddScreen(flow: ScreenFlow, screen: AddScreen): ScreenParts {
  const draw = SCREENS.get(screen.kind);
  if (!draw) throw new Error(`no method draws the "${screen.kind}" screen`);
  return draw(flow, screen);
}
