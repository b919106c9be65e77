import * as v from "valibot";

/** A JSON object (not an array, not null): what every request body must be. */
export const isPlainObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === "object" && x !== null && !Array.isArray(x);

/** Valibot issues as the API's `fields`: the first message for each dotted path (`address.postalCode`). */
export function fieldErrors(
  issues: readonly v.BaseIssue<unknown>[],
  messageFor: (path: string, issue: v.BaseIssue<unknown>) => string = (_path, issue) => issue.message,
): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const path = v.getDotPath(issue) ?? "body";
    fields[path] ??= messageFor(path, issue);
  }
  return fields;
}
