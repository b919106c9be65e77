import type { ProfileExport } from "../../../contract/api";
import type { MfaService } from "../mfa/service";
import type { Store } from "../store/db";
import { profileDocumentOf } from "../store/users";
import type { ActivityService } from "./activity";
import type { ProfileService } from "./profile";
import type { Session } from "./session";
import { userForRead } from "./users";

/**
 * GET /api/profile/export: everything stored about the person (GDPR Art. 15 and 20) in one document. The profile is
 * the stored document whole (values of fields the schema no longer has too); devices as the API shows them, targets
 * masked; never a code, a secret or a key.
 */
export class AccountExport {
  constructor(
    private readonly store: Pick<Store, "db" | "transact">,
    private readonly services: { profiles: ProfileService; mfa: MfaService; activity: ActivityService; now?: () => Date },
  ) {}

  async export(session: Session): Promise<ProfileExport> {
    const now = (this.services.now?.() ?? new Date()).toISOString();
    const user = await userForRead(this.store, session, now);
    const [profile, mfa, activity] = await Promise.all([
      this.services.profiles.view(this.store.db, user),
      this.services.mfa.getState(session),
      this.services.activity.all(this.store.db, user.id),
    ]);
    return {
      exportedAt: now,
      account: { id: user.id, username: user.username, language: user.locale, createdAt: user.created_at, updatedAt: user.updated_at },
      profile: profileDocumentOf(user),
      pendingChanges: profile.profile.pendingChanges,
      mfa: { enabled: mfa.enabled, devices: mfa.devices, recoveryCodes: mfa.recoveryCodes },
      activity,
    };
  }
}
