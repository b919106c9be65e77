import type { MfaState } from "../../api/client.js";
import type { Flow } from "../../events.js";
import type { FlowContext } from "../shared.js";
import { VerifyFlow } from "./verify-flow.js";

/**
 * "Confirm it's you" before a change that needs a recent sign-in: a module of its own, so the verify flow on its own
 * (a sign-in) never downloads it.
 */
/** Whether the person has an active device to confirm a change with. */
export async function canConfirm(ctx: FlowContext): Promise<boolean> {
  const { data } = await ctx.api<MfaState>("/api/mfa");
  return data.enabled && data.devices.some((d) => d.status === "ACTIVE");
}

/**
 * "Confirm it's you" in place of the profile or devices flow: a step-up of this session, its first screen ready;
 * `close` says whether the person verified (the widget then resubmits the change that waited) or cancelled.
 */
export async function confirmInPlace(ctx: FlowContext, flow: Flow, close: (verified: boolean) => void): Promise<VerifyFlow> {
  const verifier = new VerifyFlow(ctx, { purpose: "step_up", flow, onVerified: () => close(true), onCancel: () => close(false) });
  await verifier.load();
  return verifier;
}
