import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { ACME_ADMIN, BASE_URL, kitClient, part, parts, status, text, tokenFor } from '../../test/kit.js';
import { knownCapabilities } from '../../test/capabilities.js';
import '../index.js';
import { CrmImportFinishedEvent } from '../shared/events.js';
import type { CrmImport } from './import.js';

const admin = kitClient();
const run = () => Math.random().toString(36).slice(2, 8);

async function importer({ email = ACME_ADMIN, locale = 'en' } = {}) {
  const provider = await fixture(html`
    <crm-provider base-url=${BASE_URL} token=${tokenFor(email)} locale=${locale}>
      <crm-import resource="customers"></crm-import>
    </crm-provider>
  `);
  const element = provider.querySelector('crm-import')!;
  await knownCapabilities(provider);
  await element.updateComplete;
  return element;
}

/** Chooses a file as the file input does. */
async function choose(element: CrmImport, bytes: BlobPart, name = 'customers.csv') {
  const input = part(element, 'file-input') as HTMLInputElement;
  const files = new DataTransfer();
  files.items.add(new File([bytes], name, { type: 'text/csv' }));
  input.files = files.files;
  input.dispatchEvent(new Event('change'));
}

const mapped = (element: CrmImport) =>
  waitUntil(() => part(element, 'mapping'), 'the file was not previewed', { timeout: 8000 });
const finished = (element: CrmImport) =>
  waitUntil(() => part(element, 'again-button'), 'the run did not finish', { timeout: 15000 });
const tagged = async (tag: string) => (await admin.customers.list({ tag })).items.map((c) => c.name).sort();

describe('crm-import', () => {
  it('checks a file listing exactly its bad rows and writing nothing, then imports the good ones', async () => {
    const tag = `import-${run()}`;
    const element = await importer();
    // Rows 3 and 5 (the header is row 1) have no name; row 5's email is a formula, not an address.
    await choose(
      element,
      `Name,Email address,Tags\r\nAlpha ${tag},a@alpha.test,${tag}\r\n,b@beta.test,${tag}\r\n` +
        `Gamma ${tag},c@gamma.test,${tag}\r\n,=1+2,${tag}\r\n`,
    );
    await mapped(element);
    const selects = parts(element, 'field-select') as HTMLSelectElement[];
    // The kit suggests Name and Tags; the email column is the user's choice.
    expect(selects.map((s) => s.value)).to.deep.equal(['name', '', 'tags']);
    expect(text(selects[0]!.selectedOptions[0])).to.equal('Name (required)');
    selects[1]!.value = 'emails';
    selects[1]!.dispatchEvent(new Event('change'));
    await element.updateComplete;
    await expect(element).to.be.accessible();

    const checked = oneEvent(element, CrmImportFinishedEvent.eventName);
    (part(element, 'check-button') as HTMLButtonElement).click();
    const { detail } = (await checked) as CrmImportFinishedEvent;
    expect(detail.summary).to.deep.include({ rows: 4, created: 2, failed: 2, dryRun: true });
    await finished(element);
    expect(parts(element, 'failure').map((row) => row.dataset.row)).to.deep.equal(['3', '5']);
    expect(text(parts(element, 'failure')[0])).to.contain('Name: Required');
    expect(status(element)).to.equal('Check done: 4 rows, 2 would fail. Nothing was written.');
    expect(await tagged(tag)).to.deep.equal([]);
    await expect(element).to.be.accessible();

    const imported = oneEvent(element, CrmImportFinishedEvent.eventName);
    (part(element, 'import-button') as HTMLButtonElement).click();
    expect(((await imported) as CrmImportFinishedEvent).detail.summary).to.deep.include({ created: 2, failed: 2 });
    await finished(element);
    expect(text(part(element, 'summary'))).to.contain('Created');
    expect(await tagged(tag)).to.deep.equal([`Alpha ${tag}`, `Gamma ${tag}`]);
    const alpha = (await admin.customers.list({ tag, q: 'Alpha' })).items[0]!;
    expect(alpha.emails).to.deep.equal(['a@alpha.test']);

    // The failed rows download as CSV: their cells (a formula escaped, as the export does), line and reasons.
    let saved: Blob | undefined;
    const createObjectURL = URL.createObjectURL;
    URL.createObjectURL = (blob: Blob) => ((saved = blob), createObjectURL.call(URL, new Blob([])));
    try {
      (part(element, 'download-button') as HTMLButtonElement).click();
    } finally {
      URL.createObjectURL = createObjectURL;
    }
    const lines = (await saved!.text()).replace('\uFEFF', '').trim().split('\r\n');
    expect(lines).to.have.length(3);
    expect(lines[0]).to.equal('Name,Email address,Tags,Row,Reason');
    expect(lines[2]).to.match(new RegExp(`^,'=1\\+2,${tag},5,Name: Required`));
  });

  it('asks for the encoding of a file that is not UTF-8, and imports a Big5 file', async () => {
    const tag = `big5-${run()}`;
    const element = await importer();
    // 客戶甲 in Big5.
    const big5 = new Uint8Array([171, 200, 164, 225, 165, 210]);
    const ascii = (s: string) => new TextEncoder().encode(s);
    await choose(element, new Blob([ascii('name,tags\r\n'), big5, ascii(`,${tag}\r\n`)]));
    await waitUntil(() => part(element, 'encoding-select'), 'no encoding was asked for', { timeout: 8000 });
    expect(text(part(element, 'notice'))).to.equal('This file is not UTF-8. Choose its encoding.');
    const select = part(element, 'encoding-select') as HTMLSelectElement;
    select.value = 'big5';
    select.dispatchEvent(new Event('change'));
    await mapped(element);
    expect(text(part(element, 'mapping'))).to.contain('客戶甲');
    (part(element, 'import-button') as HTMLButtonElement).click();
    await finished(element);
    expect(await tagged(tag)).to.deep.equal(['客戶甲']);
  });

  it('upserts by external id of a named source, and says why a file is refused', async () => {
    const tag = `upsert-${run()}`;
    const element = await importer();
    await choose(element, `Shop ID,name,tags\r\n${tag}-1,First ${tag},${tag}\r\n`);
    await mapped(element);
    const [id] = parts(element, 'field-select') as HTMLSelectElement[];
    id!.value = 'externalId';
    id!.dispatchEvent(new Event('change'));
    const upsert = part(element, 'match')!.querySelectorAll('input')[1]!;
    upsert.click();
    await element.updateComplete;
    // No source named yet: nothing can run, and the reason is tied to the buttons.
    const importButton = part(element, 'import-button') as HTMLButtonElement;
    expect(importButton.disabled).to.equal(true);
    const reason = element.shadowRoot!.getElementById(importButton.getAttribute('aria-describedby')!);
    expect(text(reason)).to.equal('Name the source system and map a column to externalId.');
    const source = part(element, 'source-input') as HTMLInputElement;
    source.value = 'shop';
    source.dispatchEvent(new Event('input'));
    await element.updateComplete;
    const first = oneEvent(element, CrmImportFinishedEvent.eventName);
    importButton.click();
    expect(((await first) as CrmImportFinishedEvent).detail.summary).to.deep.include({ created: 1 });
    await finished(element);
    const stored = await admin.customers.list({ tag });
    expect(stored.items.map((c) => c.name)).to.deep.equal([`First ${tag}`]);

    // The same id again, with another name: the record is updated, not doubled.
    (part(element, 'again-button') as HTMLButtonElement).click();
    await element.updateComplete;
    await choose(element, `externalId,name,tags\r\n${tag}-1,Renamed ${tag},${tag}\r\n`);
    await mapped(element);
    part(element, 'match')!.querySelectorAll('input')[1]!.click();
    await element.updateComplete;
    const input = part(element, 'source-input') as HTMLInputElement;
    input.value = 'shop';
    input.dispatchEvent(new Event('input'));
    await element.updateComplete;
    const second = oneEvent(element, CrmImportFinishedEvent.eventName);
    (part(element, 'import-button') as HTMLButtonElement).click();
    expect(((await second) as CrmImportFinishedEvent).detail.summary).to.deep.include({ created: 0, updated: 1 });
    expect((await admin.customers.list({ tag })).items.map((c) => c.name)).to.deep.equal([`Renamed ${tag}`]);

    // An empty file is refused by the kit: the element says so, in words.
    await finished(element);
    (part(element, 'again-button') as HTMLButtonElement).click();
    await element.updateComplete;
    await choose(element, '');
    await waitUntil(() => part(element, 'notice'), 'no notice', { timeout: 8000 });
    expect(text(part(element, 'notice'))).to.match(/^The file was refused: The file is empty/);
    expect(part(element, 'mapping')).to.equal(null);
  });

  it('cancels an import in flight, saying that what was written stays', async () => {
    const tag = `cancel-${run()}`;
    const element = await importer();
    const rows = Array.from({ length: 3000 }, (_, i) => `Cancelled ${tag} ${i},${tag}`).join('\r\n');
    await choose(element, `name,tags\r\n${rows}\r\n`);
    await mapped(element);
    (part(element, 'import-button') as HTMLButtonElement).click();
    await waitUntil(() => part(element, 'cancel-button'), 'no Cancel button');
    expect(part(element, 'progress')).to.not.equal(null);
    (part(element, 'cancel-button') as HTMLButtonElement).click();
    await finished(element);
    expect(status(element)).to.equal('Import cancelled. Rows written before it stopped stay written.');
    expect(part(element, 'summary')).to.equal(null);
    // The kit finishes the transaction in flight; the next tests' requests wait for it, not time out.
    await admin.customers.list({ tag, limit: 1 });
  });

  it('finds an import job started before the page was loaded, follows its progress and cancels it', async () => {
    const tag = `job-${run()}`;
    const rows = Array.from({ length: 5000 }, (_, i) => `Resumed ${tag} ${i},${tag}`).join('\r\n');
    const element = await importer();
    // Started before a reload: a job of the kit, still running when the element comes back.
    const response = await admin.upload('/imports/customers/jobs', `name,tags\r\n${rows}\r\n`, { type: 'text/csv' });
    const job = (await response.json()) as { id: string; status: string };
    expect(job.status).to.equal('queued');
    const page = element.parentElement!;
    element.remove();
    page.append(element);
    await waitUntil(() => part(element, 'cancel-button'), 'the running job was not found', { timeout: 8000 });
    expect(status(element)).to.equal('An import started earlier is still running.');
    expect(part(element, 'progress')).to.not.equal(null);
    expect(text(element.shadowRoot!.querySelector('.status'))).to.match(/rows per second$/);
    await expect(element).to.be.accessible();
    (part(element, 'cancel-button') as HTMLButtonElement).click();
    await finished(element);
    expect(status(element)).to.equal('Import cancelled. Rows written before it stopped stay written.');
    const after = await admin.request<{ status: string; summary: { rows: number } }>('GET', `/import-jobs/${job.id}`);
    expect(after.status).to.equal('cancelled');
    expect(after.summary.rows).to.be.below(5000);
  });

  it('asks what a row with a record’s email or phone does, and updates that record when told to', async () => {
    const tag = `dup-${run()}`;
    const stored = await admin.customers.create({ name: `Stored ${tag}`, emails: [`${tag}@dup.test`], tags: [tag] });
    const element = await importer();
    await choose(element, `Name,Email,Tags\r\nRenamed ${tag},${tag.toUpperCase()}@dup.test,${tag}\r\n`);
    await mapped(element);
    const select = part(element, 'duplicate-select') as HTMLSelectElement;
    expect([...select.options].map((o) => [o.value, text(o)])).to.deep.equal([
      ['skip', 'Leave the record as it is (the row counts as matched)'],
      ['update', 'Update the record with the row’s filled cells'],
      ['create', 'Create a new record anyway'],
    ]);
    expect(select.value).to.equal('skip');
    expect(text(select.closest('label'))).to.contain('When a row has the email or phone number of an existing record');
    await expect(element).to.be.accessible();
    // Upserts by external id match by that id alone: the choice goes away.
    const [, upsert] = part(element, 'match')!.querySelectorAll('input');
    upsert!.click();
    await element.updateComplete;
    expect(part(element, 'duplicate-select')).to.equal(null);
    part(element, 'match')!.querySelectorAll('input')[0]!.click();
    await element.updateComplete;

    const again = part(element, 'duplicate-select') as HTMLSelectElement;
    again.value = 'update';
    again.dispatchEvent(new Event('change'));
    await element.updateComplete;
    const imported = oneEvent(element, CrmImportFinishedEvent.eventName);
    (part(element, 'import-button') as HTMLButtonElement).click();
    const { detail } = (await imported) as CrmImportFinishedEvent;
    expect(detail.summary).to.deep.include({ rows: 1, created: 0, updated: 1, matched: 0, failed: 0 });
    await finished(element);
    expect(await tagged(tag)).to.deep.equal([`Renamed ${tag}`]);
    expect((await admin.customers.get(stored.id)).version).to.equal(2);
  });

  it('offers the duplicate choice in both Chinese scripts, and not for records it does not match', async () => {
    const csv = `Name,Email\r\nChen,chen-${run()}@dup.test\r\n`;
    for (const [locale, update] of [
      ['zh-Hant', '以此列填寫的欄位更新該紀錄'],
      ['zh-Hans', '用此行填写的字段更新该记录'],
    ]) {
      const element = await importer({ locale });
      await choose(element, csv);
      await mapped(element);
      const select = part(element, 'duplicate-select') as HTMLSelectElement;
      expect(text(select.options[1])).to.equal(update);
      await expect(element).to.be.accessible();
    }
    const provider = await fixture(html`
      <crm-provider base-url=${BASE_URL} token=${tokenFor(ACME_ADMIN)}>
        <crm-import resource="orders"></crm-import>
      </crm-provider>
    `);
    const orders = provider.querySelector('crm-import')!;
    await knownCapabilities(provider);
    await choose(orders, `externalId,currency\r\n${run()},USD\r\n`, 'orders.csv');
    await mapped(orders);
    expect(part(orders, 'duplicate-select')).to.equal(null);
  });

  it('offers no controls to a viewer, and speaks Traditional Chinese', async () => {
    const viewer = await importer({ email: 'viewer@acme.test' });
    expect(part(viewer, 'file-input')).to.equal(null);
    expect(text(part(viewer, 'error'))).to.equal('You may not import customers.');
    const chinese = await importer({ locale: 'zh-Hant' });
    expect(text(part(chinese, 'heading'))).to.equal('匯入客戶');
    await expect(chinese).to.be.accessible();
  });
});
