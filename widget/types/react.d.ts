/**
 * `<profile-widget>` in React 19 JSX. Opt in from any TypeScript file of your app (React's types must be installed):
 *
 *     import type {} from "profile-widget/react";
 *
 * React 19 sets a prop as a property when the element has one (`sessionToken`, `getSessionToken`), else as an
 * attribute (`data-*`), and `on<event-name>` props listen to the element's events.
 */
import type { DetailedHTMLProps, HTMLAttributes } from "react";
import type {
  ProfileWidget,
  ProfileWidgetAttributes,
  ProfileWidgetErrorEvent,
  ProfileWidgetSuccessEvent,
} from "profile-widget";

export interface ProfileWidgetJSXProps
  extends DetailedHTMLProps<HTMLAttributes<ProfileWidget>, ProfileWidget>,
    ProfileWidgetAttributes {
  sessionToken?: string;
  getSessionToken?: ProfileWidget["getSessionToken"];
  "onprofile-widget-success"?: (event: ProfileWidgetSuccessEvent) => void;
  "onprofile-widget-error"?: (event: ProfileWidgetErrorEvent) => void;
}

declare module "react" {
  namespace JSX {
    interface IntrinsicElements {
      "profile-widget": ProfileWidgetJSXProps;
    }
  }
}
