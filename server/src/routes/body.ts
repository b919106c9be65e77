import * as v from "valibot";
import { errors } from "../errors";
import { fieldErrors, isPlainObject } from "../validation";

export { isPlainObject };

/**
 * One convention for request bodies: not a JSON object → 400 `invalid_request`, unknown keys → 400
 * `unknown_field`, bad values → 422 `validation_failed` with one message per field path.
 */

/** Checks a body against a strict object schema, in the order above. */
export function parseBody<S extends v.StrictObjectSchema<v.ObjectEntries, undefined>>(schema: S, body: unknown): v.InferOutput<S> {
  if (!isPlainObject(body)) throw errors.invalidBody("The body must be a JSON object.");
  const unknown = Object.keys(body).filter((key) => !Object.hasOwn(schema.entries, key));
  if (unknown.length > 0) throw errors.unknownFields(Object.fromEntries(unknown.map((k) => [k, "Unknown field."])));
  const result = v.safeParse(schema, body, { abortPipeEarly: true });
  if (result.success) return result.output;
  throw errors.validationFailed(fieldErrors(result.issues));
}

/** What a route that reads a body can answer before its own checks (the document adds these to each). */
export const BODY_ERRORS = [errors.invalidJson(), errors.payloadTooLarge(64 * 1024), errors.unsupportedMediaType()];
/** What parseBody answers, as documented examples. */
export const OBJECT_BODY_ERRORS = [
  errors.invalidBody("The body must be a JSON object."),
  errors.unknownFields({ colour: "Unknown field." }),
  errors.validationFailed({ "address.postalCode": "Enter a valid postal code: letters, digits, spaces and hyphens." }),
];
/** An action without parameters: `{}` or nothing, so only the first two of those. */
export const EMPTY_BODY_ERRORS = OBJECT_BODY_ERRORS.slice(0, 2);
