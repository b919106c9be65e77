import type { Generated } from "kysely";

/** Row types. Timestamps are ISO-8601 strings and booleans 0/1 integers on both engines. */
export interface UsersTable {
  id: string;
  subject: string;
  username: string;
  given_name: string | null;
  family_name: string | null;
  email: string | null;
  phone: string | null;
  street_address: string | null;
  locality: string | null;
  region: string | null;
  postal_code: string | null;
  country_code: string | null;
  mfa_enabled: number;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface AuditEventsTable {
  id: Generated<number>;
  user_id: string;
  action: string;
  detail: string;
  created_at: string;
}

export interface Database {
  users: UsersTable;
  audit_events: AuditEventsTable;
}
