import { toJsonSchemaDefs, type ConversionConfig, type JsonSchema } from "@valibot/to-json-schema";
import type * as v from "valibot";
import {
  AddedDeviceSchema,
  DeviceResponseSchema,
  DeviceSchema,
  ErrorBodySchema,
  HealthSchema,
  JwksSchema,
  MfaChallengeSchema,
  MfaStateSchema,
  ActivityPageSchema,
  ActivityEventSchema,
  ProfileExportSchema,
  MfaVerifiedSchema,
  RecoveryCodesSchema,
  ResentCodeSchema,
  PendingChangeSchema,
  ResentChangeSchema,
  PublicConfigSchema,
  ReadinessSchema,
} from "../api-schemas";
import { ChallengeBody, EmptyBody, OtpActivation, RenameBody } from "../mfa/fields";
import { RecoveryCodeProof } from "../mfa/recovery-codes";
import type { MfaMethod } from "../mfa/method";
import { ADD_DEVICE_SCHEMAS } from "../mfa/methods";
import { PasskeyActivation, PasskeyAssertion } from "../mfa/passkey-method";
import type { ProfileDefinition } from "../profile-schema/definition";
import { profileOpenApiSchemas } from "../profile-schema/openapi";

/** The API's schemas by name, each converted from the valibot schema the server validates with. */
export const SCHEMAS = {
  PublicConfig: PublicConfigSchema,
  PendingChange: PendingChangeSchema,
  ResentChange: ResentChangeSchema,
  MfaState: MfaStateSchema,
  ActivityPage: ActivityPageSchema,
  ActivityEvent: ActivityEventSchema,
  ProfileExport: ProfileExportSchema,
  Device: DeviceSchema,
  DeviceResponse: DeviceResponseSchema,
  AddedDevice: AddedDeviceSchema,
  ResentCode: ResentCodeSchema,
  StartChallenge: ChallengeBody,
  MfaChallenge: MfaChallengeSchema,
  VerifyOtp: OtpActivation,
  VerifyPasskey: PasskeyAssertion,
  VerifyRecoveryCode: RecoveryCodeProof,
  MfaVerified: MfaVerifiedSchema,
  RecoveryCodes: RecoveryCodesSchema,
  ...ADD_DEVICE_SCHEMAS,
  OtpActivation,
  PasskeyActivation,
  RenameDevice: RenameBody,
  EmptyBody,
  ErrorBody: ErrorBodySchema,
  Health: HealthSchema,
  Readiness: ReadinessSchema,
  Jwks: JwksSchema,
} satisfies Record<string, v.GenericSchema>;

/** The named schemas, and each MFA method's add-device body (`Add…Device`, from the registry of methods). */
export type SchemaName = keyof typeof SCHEMAS | MfaMethod["schemaName"] | keyof ReturnType<typeof profileOpenApiSchemas>;

/** Actions that reshape a value before it is checked; JSON Schema describes the shape, so they add nothing. */
const NORMALIZING_ACTIONS = new Set(["trim", "to_upper_case", "to_lower_case", "transform"]);

/**
 * Converts the valibot schemas to JSON Schema 2020-12 (OpenAPI 3.1's dialect). What JSON Schema
 * cannot say is handled here on purpose, and anything else unconvertible fails the generation
 * (and so the server's start and the tests) instead of being dropped silently.
 */
export function convertSchemas(profile: ProfileDefinition): Record<SchemaName, JsonSchema> {
  const unconvertible: string[] = [];
  const config: ConversionConfig = {
    target: "draft-2020-12",
    // Pipes with a second schema (a normalized value checked again) are converted whole, on purpose.
    errorMode: "ignore",
    overrideRef: ({ referenceId }) => `#/components/schemas/${referenceId}`,
    overrideAction({ valibotAction, jsonSchema, errors: problems }) {
      if (!problems) return undefined;
      if (NORMALIZING_ACTIONS.has(valibotAction.type)) return jsonSchema;
      if (valibotAction.type === "check") {
        // A check's message says what it checks: the best description JSON Schema can carry.
        const message = (valibotAction as { message?: unknown }).message;
        return typeof message === "string" ? { ...jsonSchema, description: joinText(jsonSchema.description, message) } : jsonSchema;
      }
      unconvertible.push(`action "${valibotAction.type}": ${problems.join("; ")}`);
      return undefined;
    },
    overrideSchema({ valibotSchema, jsonSchema, errors: problems }) {
      // v.custom only guards the object schema that follows it in the pipe, which carries the shape.
      if (valibotSchema.type === "custom") return {};
      if (valibotSchema.type === "nullable" && jsonSchema.type === "string" && Array.isArray(jsonSchema.anyOf)) {
        return clearableText(jsonSchema);
      }
      if (problems) unconvertible.push(`schema "${valibotSchema.type}": ${problems.join("; ")}`);
      return undefined;
    },
  };
  const converted = toJsonSchemaDefs(SCHEMAS, config);
  if (unconvertible.length > 0) throw new Error(`OpenAPI: cannot describe ${unconvertible.join(", ")}`);
  return { ...converted, ...profileOpenApiSchemas(profile) } as Record<SchemaName, JsonSchema>;
}

/**
 * The profile's text fields are `string → trimmed → "" becomes null → checked again as
 * string-or-null`. Converted whole, that reads "a string that is a string or null"; what a client
 * may send is a string meeting the checks, or a blank string, which clears the field.
 */
function clearableText(schema: JsonSchema): JsonSchema {
  const { anyOf, ...outer } = schema;
  const checked = (anyOf as JsonSchema[]).filter((branch) => branch.type !== "null");
  const constrained = checked.filter((branch) => Object.keys(branch).some((key) => key !== "type"));
  const description = joinText(outer.description, 'A blank string clears it, like null.');
  if (constrained.length === 0) return { ...outer, description };
  return { ...outer, description, anyOf: [...constrained, { type: "string", pattern: "^\\s*$" }] };
}

function joinText(first: unknown, second: string): string {
  return typeof first === "string" && first !== "" ? `${first} ${second}` : second;
}
