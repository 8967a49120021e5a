// What the card knows of moves without its dialog: what a stage still needs of a deal, and where a
// reopened deal goes back to.
import type { Opportunity, Stage } from '@crmkit/core';

/** Why the stage dialog opens: closing the deal, reopening it, or a stage that needs more. */
export type DialogKind = 'won' | 'lost' | 'reopen' | 'stage';

/** A field a stage can require of a deal that enters it. */
type StageRequirement = Stage['requires'][number];

/** What a stage requires that the deal does not have yet (as the kit checks it). */
export function unmet(stage: Stage, deal: Opportunity): StageRequirement[] {
  return stage.requires.filter((field) => {
    const value = deal[field];
    return value === null || value === '' || (field === 'amount' && value === 0);
  });
}

/** The open stage a reopened deal goes back to by default: the last one before closing. */
export const reopenStage = (stages: readonly Stage[]) => stages.filter((s) => s.kind === 'open').at(-1);
