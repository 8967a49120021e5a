import type { StageKind } from '@crmkit/core';
import type { Tx } from '../db/database.js';
import { createRecord } from '../resources/crud.js';
import { pipelineResource } from '../resources/sales.js';

interface StageNames {
  pipeline: string;
  /** Initial contact, needs analysis, proposal, negotiation, won, lost. */
  stages: [string, string, string, string, string, string];
  /** The reasons offered when a deal is lost. */
  lostReasons: string[];
}

/** The default pipeline's names per locale (those of the sample seed's organizations). */
const NAMES: Record<string, StageNames> = {
  en: {
    pipeline: 'New business',
    stages: ['Initial contact', 'Needs analysis', 'Proposal', 'Negotiation', 'Won', 'Lost'],
    lostReasons: ['Price too high', 'Chose a competitor', 'No budget', 'No decision', 'Bad timing'],
  },
  'zh-Hant': {
    pipeline: '新客戶開發',
    stages: ['初步接觸', '需求分析', '提案報價', '議價協商', '成交', '未成交'],
    lostReasons: ['價格太高', '選擇競爭對手', '沒有預算', '客戶未決定', '時機不對'],
  },
  'zh-Hans': {
    pipeline: '新客户开发',
    stages: ['初步接触', '需求分析', '提案报价', '议价协商', '成交', '未成交'],
    lostReasons: ['价格太高', '选择竞争对手', '没有预算', '客户未决定', '时机不对'],
  },
};

const SHAPE: { probability: number; kind: StageKind; requires?: 'lostReason'[] }[] = [
  { probability: 10, kind: 'open' },
  { probability: 25, kind: 'open' },
  { probability: 50, kind: 'open' },
  { probability: 75, kind: 'open' },
  { probability: 100, kind: 'won' },
  { probability: 0, kind: 'lost', requires: ['lostReason'] },
];

/** The default pipeline of a new organization, named in its locale (English for any other). */
export function defaultPipeline(locale: string) {
  const names = NAMES[locale] ?? NAMES.en!;
  return {
    name: names.pipeline,
    isDefault: true,
    lostReasons: names.lostReasons,
    stages: SHAPE.map((stage, i) => ({ name: names.stages[i]!, requires: [], ...stage })),
  };
}

/**
 * Gives a new organization its default pipeline, in the transaction that creates the
 * organization (as the kit, with an audit entry and a change event like any pipeline), so that
 * its board and funnel are ready on day one however it was created.
 */
export async function addDefaultPipeline(tx: Tx, org: { id: string; locale: string }): Promise<void> {
  const kit = { orgId: org.id, userId: null, role: 'owner' as const };
  await createRecord(tx, pipelineResource, kit, defaultPipeline(org.locale));
}
