import { CrmClient, type Pipeline } from '@crmkit/core';
import { createCrm, migrate, seedSample, type Caller, type Role } from '@crmkit/server';
import { openPglite } from '@crmkit/server/pglite';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { Hono } from 'hono';
import { html } from 'lit';
import { action } from 'storybook/actions';
import { flakyClient, pendingClient, storyClient, type SampleOrg } from './kit.js';
import { type CommonArgs, commonArgTypes, pageCanvas, realKitDocs } from './support.js';

type Args = CommonArgs;

interface Loaded {
  pipelineId: string;
  client?: CrmClient;
  ownerId?: string;
}

/** The sample organization's pipeline, found before the story renders. */
const pipelineOf = (org: SampleOrg) => async (): Promise<Loaded> => ({
  pipelineId: (await storyClient(org).pipelines.list()).items[0]!.id,
});

function board(args: Args, loaded: Loaded, client: CrmClient, attributes: { ownerId?: string; height?: string } = {}) {
  return html`
    <crm-provider .client=${client} locale=${args.locale} theme=${args.theme}>
      <crm-pipeline-board
        pipeline-id=${loaded.pipelineId}
        owner-id=${attributes.ownerId ?? ''}
        style="--crm-board-height: ${attributes.height ?? '34rem'}"
        @crm-opportunity-move=${action('crm-opportunity-move')}
        @crm-opportunity-moved=${action('crm-opportunity-moved')}
      ></crm-pipeline-board>
    </crm-provider>
  `;
}

const page = (args: Args, content: unknown) => pageCanvas(args, content);

const meta = {
  title: 'Components/Pipeline board',
  component: 'crm-pipeline-board',
  args: { locale: 'en', theme: 'auto' },
  argTypes: commonArgTypes,
  loaders: [pipelineOf('acme')],
  render: (args, { loaded }) => page(args, board(args, loaded as Loaded, storyClient('acme'))),
  parameters: {
    layout: 'fullscreen',
    ...realKitDocs(
      ': drag a card (or focus one and press Space, the arrow keys, Space) and the move is ' +
        'saved by `POST /opportunities/:id/move`. Dropping a deal on the lost zone asks for a reason.',
    ),
  },
} satisfies Meta<Args>;

export default meta;
type Story = StoryObj<Args>;

export const Default: Story = {};

export const Dark: Story = {
  args: { theme: 'dark' },
};

export const TraditionalChinese: Story = {
  name: 'Traditional Chinese (Formosa, TWD)',
  args: { locale: 'zh-Hant' },
  loaders: [pipelineOf('formosa')],
  render: (args, { loaded }) => page(args, board(args, loaded as Loaded, storyClient('formosa'))),
};

export const SimplifiedChinese: Story = {
  name: 'Simplified Chinese',
  args: { locale: 'zh-Hans' },
  loaders: [pipelineOf('formosa')],
  render: (args, { loaded }) => page(args, board(args, loaded as Loaded, storyClient('formosa'))),
};

export const SeveralCurrencies: Story = {
  name: 'Several currencies',
  loaders: [
    async (): Promise<Loaded> => {
      // Two deals in other currencies than Acme's US dollars (once per page).
      const client = storyClient('acme');
      const pipeline = (await client.pipelines.list()).items[0]!;
      const customer = (await client.customers.list({ q: 'Northwind', limit: 1 })).items[0]!;
      const deals: [string, number, string][] = [
        ['Northwind · EU distribution', 4_200_000, 'EUR'],
        ['Northwind · Taipei showroom', 96_000_000, 'TWD'],
      ];
      for (const [name, amount, currency] of deals) {
        const externalId = `story-${currency}`;
        if ((await client.opportunities.list({ externalId })).items.length) continue;
        await client.opportunities.create({
          name,
          customerId: customer.id,
          pipelineId: pipeline.id,
          stageId: pipeline.stages[0]!.id,
          amount,
          currency,
          externalId,
          expectedCloseDate: '2027-02-15',
        });
      }
      return { pipelineId: pipeline.id };
    },
  ],
};

export const Filtered: Story = {
  name: 'Filtered by owner',
  loaders: [
    async (): Promise<Loaded> => {
      const client = storyClient('acme');
      const pipeline = (await client.pipelines.list()).items[0]!;
      const rep = (await client.users.list({ limit: 200 })).items.find((u) => u.name === 'Ryan Patel');
      return { pipelineId: pipeline.id, ownerId: rep?.id };
    },
  ],
  render: (args, { loaded }) =>
    page(args, board(args, loaded as Loaded, storyClient('acme'), { ownerId: (loaded as Loaded).ownerId })),
};

export const Empty: Story = {
  name: 'Empty pipeline',
  loaders: [
    async (): Promise<Loaded> => {
      const client = storyClient('acme');
      const name = 'Partnerships';
      const existing = (await client.pipelines.list()).items.find((p: Pipeline) => p.name === name);
      const pipeline =
        existing ??
        (await client.pipelines.create({
          name,
          stages: [
            { name: 'Intro', probability: 10 },
            { name: 'Pilot', probability: 40 },
            { name: 'Contract', probability: 80 },
            { name: 'Signed', probability: 100, kind: 'won' },
            { name: 'Dropped', probability: 0, kind: 'lost', requires: ['lostReason'] },
          ],
        }));
      return { pipelineId: pipeline.id };
    },
  ],
};

export const Loading: Story = {
  render: (args, { loaded }) => page(args, board(args, loaded as Loaded, pendingClient())),
};

export const Error: Story = {
  name: 'Error (then retry)',
  render: (args, { loaded }) => page(args, board(args, loaded as Loaded, flakyClient('acme'))),
};

export const Narrow: Story = {
  name: 'Narrow screen',
  render: (args, { loaded }) =>
    html`<div style="max-width: 360px">${page(args, board(args, loaded as Loaded, storyClient('acme')))}</div>`,
};

// ---------------------------------------------------------------------------------------------
// 10,000 open deals: a kit of its own in the page, with the deals written by one bulk INSERT.

const TEN_THOUSAND = 10_000;

let scale: Promise<Loaded & { seconds: number }> | undefined;

/**
 * Starts a second in-browser kit (PGlite) with the sample data, and adds a pipeline with 10,000
 * open deals in one `insert … select generate_series` (a few seconds in the browser, most of it
 * spent migrating and seeding): the board still loads one page per column and renders only the
 * cards in view.
 */
async function startScaleKit(): Promise<Loaded & { seconds: number }> {
  const started = performance.now();
  const database = await openPglite();
  await migrate(database);
  await seedSample(database.db);
  const [admin] = await database.withSession((session) =>
    session.query<{ org_id: string; id: string; role: Role }>(
      'select org_id, id, role from crm.users where email = $1',
      ['admin@acme.test'],
    ),
  );
  const orgId = admin!.org_id;
  const pipelineId = crypto.randomUUID();
  const stages: [string, number, string][] = [
    ['Initial contact', 10, 'open'],
    ['Needs analysis', 25, 'open'],
    ['Proposal', 50, 'open'],
    ['Negotiation', 75, 'open'],
    ['Won', 100, 'won'],
    ['Lost', 0, 'lost'],
  ];
  const ids = stages.map(() => crypto.randomUUID());
  const open = ids.slice(0, 4).map((id) => `'${id}'`);
  await database.withSession((session) =>
    session.exec(`
      insert into crm.pipelines (org_id, id, name, is_default)
        values ('${orgId}', '${pipelineId}', 'Enterprise (10,000 open deals)', false);
      insert into crm.stages (org_id, id, pipeline_id, name, position, probability, kind, requires) values
        ${stages
          .map(
            ([name, probability, kind], i) =>
              `('${orgId}', '${ids[i]}', '${pipelineId}', '${name}', ${i}, ${probability}, '${kind}',
                '${kind === 'lost' ? '["lostReason"]' : '[]'}'::jsonb)`,
          )
          .join(',\n')};
      insert into crm.opportunities
        (org_id, id, name, customer_id, pipeline_id, stage_id, position, amount, currency, expected_close_date, owner_id)
      select '${orgId}', gen_random_uuid(), c.names[1 + g % array_length(c.ids, 1)] || ' · deal ' || g,
             c.ids[1 + g % array_length(c.ids, 1)], '${pipelineId}', (array[${open.join(', ')}]::uuid[])[1 + g % 4], g,
             (1 + (g * 7919) % 500) * 10000,
             case when g % 13 = 0 then 'EUR' when g % 17 = 0 then 'TWD' else 'USD' end,
             current_date + (g % 180) - 30, u.ids[1 + g % array_length(u.ids, 1)]
      from generate_series(1, ${TEN_THOUSAND}) g,
           (select array_agg(id order by name) as ids, array_agg(split_part(name, ' ', 1) order by name) as names
              from crm.customers where org_id = '${orgId}') c,
           (select array_agg(id) as ids from crm.users where org_id = '${orgId}' and role <> 'viewer') u;
    `),
  );
  const caller: Caller = { orgId, userId: admin!.id, role: admin!.role };
  const app = new Hono().route('/api/crm', createCrm({ database, identify: () => caller }));
  const client = new CrmClient({ baseUrl: '/api/crm', fetch: async (request) => app.fetch(request) });
  return { pipelineId, client, seconds: (performance.now() - started) / 1000 };
}

export const TenThousandDeals: Story = {
  name: '10,000 open deals',
  loaders: [async () => (scale ??= startScaleKit())],
  render: (args, { loaded }) => {
    const { client, seconds } = loaded as Loaded & { seconds: number };
    return page(
      args,
      html`<p style="margin: 0 0 0.75rem; font-size: 0.875rem; opacity: 0.75">
          A second kit in this page, seeded with 10,000 open deals in ${seconds.toFixed(1)} s.
        </p>
        ${board(args, loaded as Loaded, client!)}`,
    );
  },
};
