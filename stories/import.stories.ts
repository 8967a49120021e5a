import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { action } from 'storybook/actions';
import { storyClient, type SampleOrg } from './kit.js';
import { type CommonArgs, commonArgTypes, pageCanvas, realKitDocs, waitFor } from './support.js';

interface Args extends CommonArgs {
  resource: 'customers' | 'contacts' | 'leads';
}

/** A sample export from a shop: good rows, a row with no name, and one with an email that is not one. */
const SHOP_FILE =
  'Name,E-mail,Tags,Region\r\n' +
  'Harbour Traders,orders@harbour.example,shop; wholesale,North\r\n' +
  ',info@noname.example,shop,South\r\n' +
  'Lantern Goods,lantern.example,shop,East\r\n' +
  'Maple & Co,hello@maple.example,shop,West\r\n';

function importer(args: Args, org: SampleOrg = 'acme') {
  return pageCanvas(
    args,
    html`<crm-provider .client=${storyClient(org)} locale=${args.locale} theme=${args.theme}>
      <crm-import resource=${args.resource} @crm-import-finished=${action('crm-import-finished')}></crm-import>
    </crm-provider>`,
    '52rem',
  );
}

/** Chooses the sample file in the element's file input, as a user would. */
async function chooseFile({ canvasElement }: { canvasElement: HTMLElement }) {
  const element = await waitFor(() => canvasElement.querySelector('crm-import'));
  const input = await waitFor(() => element.shadowRoot?.querySelector<HTMLInputElement>('[part~="file-input"]'));
  const files = new DataTransfer();
  files.items.add(new File([SHOP_FILE], 'shop-customers.csv', { type: 'text/csv' }));
  input.files = files.files;
  input.dispatchEvent(new Event('change'));
  await waitFor(() => element.shadowRoot?.querySelector('[part~="mapping"]'));
}

/** Chooses the sample file, then checks it (a dry run: nothing is written). */
async function checkFile(context: { canvasElement: HTMLElement }) {
  await chooseFile(context);
  const element = context.canvasElement.querySelector('crm-import')!;
  element.shadowRoot!.querySelector<HTMLButtonElement>('[part~="check-button"]')!.click();
  await waitFor(() => element.shadowRoot?.querySelector('[part~="again-button"]'));
}

/** Chooses the sample file, then imports it as a job of the kit and waits for its outcome. */
async function importFile(context: { canvasElement: HTMLElement }) {
  await chooseFile(context);
  const element = context.canvasElement.querySelector('crm-import')!;
  element.shadowRoot!.querySelector<HTMLButtonElement>('[part~="import-button"]')!.click();
  await waitFor(() => element.shadowRoot?.querySelector('[part~="again-button"]'));
}

/**
 * Starts an import job of a larger file, then puts the element back on the page, as a reload
 * would: it finds the running job and follows its progress.
 */
async function runningJob({ canvasElement }: { canvasElement: HTMLElement }) {
  const element = await waitFor(() => canvasElement.querySelector('crm-import'));
  const rows = Array.from({ length: 3000 }, (_, i) => `Story customer ${i},story@example.com`).join('\r\n');
  await storyClient('acme').upload('/imports/customers/jobs', `name,emails\r\n${rows}\r\n`, { type: 'text/csv' });
  const page = element.parentElement!;
  element.remove();
  page.append(element);
  await waitFor(() => element.shadowRoot?.querySelector('[part~="progress"]'));
}

const meta = {
  title: 'Components/Import',
  component: 'crm-import',
  args: { locale: 'en', theme: 'auto', resource: 'customers' },
  argTypes: {
    ...commonArgTypes,
    resource: { control: 'inline-radio', options: ['customers', 'contacts', 'leads'] },
  },
  render: (args) => importer(args),
  parameters: realKitDocs(
    ': the file is previewed by `POST /imports/{resource}/preview`, checked by a real streamed ' +
      '`POST /imports/{resource}?dryRun=true`, and imported as a job (`POST /imports/{resource}/jobs`, ' +
      'followed at `GET /import-jobs/{id}`) that the in-browser kit runs.',
  ),
} satisfies Meta<Args>;

export default meta;
type Story = StoryObj<Args>;

export const Default: Story = {};

export const Mapping: Story = {
  name: 'Mapping the columns of a file',
  play: chooseFile,
};

export const Checked: Story = {
  name: 'Checked (dry run with failed rows)',
  play: checkFile,
};

export const Imported: Story = {
  name: 'Imported as a job',
  play: importFile,
};

export const Running: Story = {
  name: 'A running import job, found again after a reload',
  play: runningJob,
};

export const Dark: Story = {
  name: 'Checked, dark',
  args: { theme: 'dark' },
  play: checkFile,
};

export const TraditionalChinese: Story = {
  name: 'Traditional Chinese (Formosa)',
  args: { locale: 'zh-Hant' },
  render: (args) => importer(args, 'formosa'),
  play: checkFile,
};
