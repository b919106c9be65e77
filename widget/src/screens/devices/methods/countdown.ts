/**
 * "Resend code in 30s" on the SMS and email steps: when another code may be asked for, as the API says it
 * (`resendAvailableAt`), and a redraw each second until then. The verify flow counts down the same way in its own
 * few lines: a module both flows imported would be a chunk of its own, one more request on the verify screen.
 */

/** The time an API answer's `resendAvailableAt` names (ms since epoch); 0 when it names none (a resend is allowed now). */
export const resendTime = (resendAvailableAt: string | undefined): number =>
  resendAvailableAt ? Date.parse(resendAvailableAt) || 0 : 0;

/** Whole seconds left until `until` (0 once it has passed): what "Resend code in …" shows. */
export const secondsLeft = (until: number, now = Date.now()): number => Math.max(0, Math.ceil((until - now) / 1000));

/**
 * Calls `redraw` each time the seconds left change, until `until`; `later` is the flow's timer (cleared when the
 * widget leaves the page). The ticks fall on `until`'s whole seconds, so the last one enables the button on time.
 */
export function countdown(until: number, later: (ms: number, run: () => void) => void, redraw: () => void): void {
  const left = until - Date.now();
  if (left <= 0) return;
  later(left % 1000 || 1000, () => {
    redraw();
    countdown(until, later, redraw);
  });
}
