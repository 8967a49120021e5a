// A plain HTML page with one module script, the autoloader's browser build (crmkit-autoloader.js): it downloads
// the code of the elements it shows, from beside the autoloader, and nothing else.
import { expect, waitUntil } from '@open-wc/testing';
import { findCustomer, part, text } from '../kit.js';
import { fetchedIn, openPage as openFrame } from './frames.js';

const PAGE = '/packages/elements/test/embedding/plain-autoload.html';
const AUTOLOADER = '/embedding/crmkit-autoloader.js';

const openPage = (customerId: string) => openFrame(PAGE, customerId);

async function cardShown(frame: HTMLIFrameElement, name: string): Promise<Element> {
  const card = frame.contentDocument!.querySelector('crm-customer-card')!;
  const shown = () => card.shadowRoot && text(part(card, 'name')) === name;
  await waitUntil(shown, 'the card did not show the customer', { timeout: 20_000 });
  return card;
}

describe('the autoloader in a plain HTML page', () => {
  it('loads the provider’s and the card’s files, not the other elements’, and no Chinese', async () => {
    const northwind = await findCustomer('Northwind');
    const frame = await openPage(northwind.id);
    const card = await cardShown(frame, northwind.name);
    expect(text(part(card, 'subtitle'))).to.contain('Company');

    const fetched = fetchedIn(frame);
    expect(fetched).to.include.members([
      AUTOLOADER,
      '/embedding/crmkit-autoloader.provider.js',
      '/embedding/crmkit-autoloader.customer-card.js',
    ]);
    // Only the autoloader's own files: not the all-in-one build, no catalog, no other element.
    expect(fetched.filter((path) => !path.startsWith('/embedding/crmkit-autoloader'))).to.deep.equal([]);
    const board = '/embedding/crmkit-autoloader.pipeline-board.js';
    expect((await fetch(board)).ok, 'the board’s file is there to load').to.equal(true);
    expect(fetched).not.to.include(board);
    expect(fetched).not.to.include('/embedding/crmkit-autoloader.customer-list.js');
    for (const path of fetched) {
      const code = await (await fetch(path)).text();
      expect(code, path).not.to.match(/[\u4e00-\u9fff]/);
    }
  });

  it('loads an element added later, and a catalog from beside it when the locale changes', async () => {
    const northwind = await findCustomer('Northwind');
    const frame = await openPage(northwind.id);
    const card = await cardShown(frame, northwind.name);
    const doc = frame.contentDocument!;
    const provider = doc.querySelector('crm-provider')!;

    provider.append(doc.createElement('crm-pipeline-board'));
    await waitUntil(() => frame.contentWindow!.customElements.get('crm-pipeline-board'), 'the board was not loaded', {
      timeout: 20_000,
    });
    expect(fetchedIn(frame)).to.include('/embedding/crmkit-autoloader.pipeline-board.js');

    provider.setAttribute('locale', 'zh-Hant');
    await waitUntil(
      () => card.shadowRoot!.textContent!.includes('生命週期階段'),
      'the card did not switch to zh-Hant',
      {
        timeout: 10_000,
      },
    );
    const catalogs = fetchedIn(frame).filter((path) => !path.startsWith('/embedding/crmkit-autoloader'));
    expect(catalogs.length).to.be.greaterThan(0);
    expect(catalogs.every((path) => path.startsWith('/embedding/crmkit-elements.zh-hant.'))).to.equal(true);
  });
});
