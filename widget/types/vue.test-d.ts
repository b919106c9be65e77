// Compiled by `tsc -p widget/types`, never run: the Vue typings accept what the element takes and refuse the rest.
import type {} from "./vue.js";
import type { GlobalComponents } from "vue";

type Props = InstanceType<GlobalComponents["profile-widget"]>["$props"];

export const props: Props = {
  "data-flow": "profile",
  "data-theme": "auto",
  sessionToken: "eyJ…",
  class: "branded",
  onProfileWidgetSuccess: (event) => event.detail.action,
  onProfileWidgetError: (event) => event.detail.code,
};

// @ts-expect-error — not a flow
export const wrongFlow: Props = { "data-flow": "settings" };
// @ts-expect-error — the success event's detail has no code
export const wrongDetail: Props = { onProfileWidgetSuccess: (event) => event.detail.code };

export const element: InstanceType<GlobalComponents["profile-widget"]> = document.createElement("profile-widget") as never;
element.retry();
