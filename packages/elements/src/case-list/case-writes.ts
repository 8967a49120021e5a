// The writes of a case that the support queue and the case card both make, each against the version shown.
import type { Case, CasePatch, CrmClient } from '@crmkit/core';

/** Saves `patch` on `kase` if nobody changed it since it was read (a 412 otherwise). */
export function changeCase(client: CrmClient, kase: Case, patch: CasePatch): Promise<Case> {
  return client.cases.update(kase.id, patch, { version: kase.version });
}

/**
 * Resolves `kase`, then leaves the resolution note (if any) on its timeline as a note activity, linked to
 * its customer and contact too. The case is resolved even when the note then fails: `noteSaved` says so.
 */
export async function resolveCase(
  client: CrmClient,
  kase: Case,
  note: string,
  noteSubject: string,
): Promise<{ saved: Case; noteSaved: boolean }> {
  const saved = await changeCase(client, kase, { status: 'resolved' });
  if (!note.trim()) return { saved, noteSaved: true };
  try {
    await client.activities.create({
      type: 'note',
      subject: noteSubject,
      body: note.trim(),
      caseId: kase.id,
      customerId: kase.customerId,
      contactId: kase.contactId,
    });
    return { saved, noteSaved: true };
  } catch {
    return { saved, noteSaved: false };
  }
}
