/**
 * `<profile-widget>` in Vue 3 templates (type-checked by vue-tsc / Volar). Opt in from any TypeScript file of your
 * app:
 *
 *     import type {} from "profile-widget/vue";
 *
 * Tell Vue the tag is a custom element (`compilerOptions.isCustomElement: (tag) => tag === "profile-widget"`).
 * Bind properties with `:session-token` / `.sessionToken`, listen with `@profile-widget-success`.
 */
import type { HTMLAttributes } from "vue";
import type {
  ProfileWidget,
  ProfileWidgetAttributes,
  ProfileWidgetErrorEvent,
  ProfileWidgetSuccessEvent,
} from "profile-widget";

export interface ProfileWidgetVueProps extends HTMLAttributes, ProfileWidgetAttributes {
  sessionToken?: string;
  getSessionToken?: ProfileWidget["getSessionToken"];
  onProfileWidgetSuccess?: (event: ProfileWidgetSuccessEvent) => void;
  onProfileWidgetError?: (event: ProfileWidgetErrorEvent) => void;
}

declare module "vue" {
  interface GlobalComponents {
    "profile-widget": new () => ProfileWidget & { $props: ProfileWidgetVueProps };
  }
}
