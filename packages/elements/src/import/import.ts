import {
  ApiError,
  type ImportError,
  type ImportField,
  type ImportJob,
  type ImportPreview,
  type ImportSummary,
  type OnDuplicate,
} from '@crmkit/core';
import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { buttons } from '../shared/buttons.styles.js';
import { controls } from '../shared/controls.styles.js';
import { CrmElement } from '../shared/crm-element.js';
import { define } from '../shared/define.js';
import { CrmImportFinishedEvent } from '../shared/events.js';
import { failureOf } from '../shared/failure.js';
import { fieldErrorText } from '../shared/field-errors.js';
import { listPanel } from '../shared/list-panel.styles.js';
import { useEnglish, type Localizer, type MessageKey } from '../shared/localize.js';
import * as en from '../shared/messages/en.js';
import { errorBox } from '../shared/states.js';
import { states } from '../shared/states.styles.js';
import { tokens } from '../shared/tokens.js';
import { download, ENCODINGS, failuresCsv, fileText, headOf, mappedFile, type CsvEncoding } from './csv-file.js';
import {
  cancelJob,
  jobFailures,
  jobOf,
  previewFile,
  runImport,
  startJob,
  unfinishedJob,
  type ImportLine,
} from './import-run.js';
import { importStyles } from './import.styles.js';

useEnglish(en.action, en.card, en.field, en.problem, en.importer);

/** The resources the kit imports. */
const RESOURCES = ['customers', 'contacts', 'leads', 'opportunities', 'orders', 'activities', 'cases'] as const;
type ImportResource = (typeof RESOURCES)[number];
/** The resources whose new rows the kit matches to a record by email or phone number (`onDuplicate`). */
const DEDUPED: readonly ImportResource[] = ['customers', 'contacts', 'leads'];
const ON_DUPLICATE: readonly OnDuplicate[] = ['skip', 'update', 'create'];

/** The least time between two progress announcements, so a screen reader is not flooded. */
const ANNOUNCE_EVERY_MS = 5000;
/** How often a running import job's progress is read. */
const POLL_MS = 1000;

/** Letters and digits only, lower case: the header `E-mail` is the label `Email`. */
const loose = (text: string) =>
  text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');

/** An import or a check as it runs, and once it has run. */
interface Run {
  dryRun: boolean;
  /** Bytes of the body sent, for the percentage. */
  total: number;
  bytes: number;
  rows: number;
  started: number;
  failures: ImportError[];
  summary?: ImportSummary;
  /** Why it stopped early: cancelled by the user, or the kit's reason. */
  stopped?: string;
  /** The kit's import job that runs it (an import; a check streams). */
  job?: string;
  /** Rows a second as the job reports it. */
  rate?: number;
  /** Cancel was chosen before the kit had answered with the job. */
  cancelled?: boolean;
  /** The file's header row, for the failed rows' download. */
  headers?: string[];
}

/**
 * Imports a CSV file into a resource: the user picks (or drops) a file, its encoding is found
 * (UTF-8, else asked: Big5 or GB18030), the kit previews its start and suggests where each column
 * goes, the user maps columns to fields (custom fields too) and chooses whether rows create records
 * or upsert by an external id of a source system (and, for customers, contacts and leads, whether a
 * row with a record's email or phone number leaves that record, updates it, or makes a new one), then checks the file (a dry run listing the rows
 * that would fail, writing nothing, streamed) or imports it as a job of the kit, followed with a
 * progress bar (percent, rows a second) and a Cancel button; a job still running when the page is
 * reloaded is found and followed again. The summary follows, with the failed rows and their
 * reasons, downloadable as a CSV.
 * Only callers who may create records of the resource get the controls; the kit decides anyway.
 *
 * ```html
 * <crm-import resource="customers"></crm-import>
 * ```
 *
 * @summary CSV import with column mapping, a dry run, progress, and the failed rows to download.
 * @tag crm-import
 *
 * @csspart base - The panel.
 * @csspart heading - The title.
 * @csspart drop-zone - Where a file is chosen or dropped.
 * @csspart file-input - The file input.
 * @csspart encoding-select - The encoding select, shown when the file is not UTF-8.
 * @csspart mapping - The table of columns, each with a sample and its field select.
 * @csspart field-select - A column's field select.
 * @csspart match - The choice of how rows match (new records, or upsert by external id).
 * @csspart source-input - The source system of the external ids.
 * @csspart duplicate-select - What to do with a row that has the email or phone number of a record (customers, contacts and leads).
 * @csspart check-button - "Check the file" (a dry run).
 * @csspart import-button - "Import".
 * @csspart cancel-button - "Cancel", while a check streams or an import job runs.
 * @csspart progress - The progress bar.
 * @csspart summary - The figures of a finished run.
 * @csspart failures - The failed rows.
 * @csspart failure - One failed row.
 * @csspart download-button - Downloads the failed rows as CSV.
 * @csspart again-button - Starts over with another file.
 * @csspart notice - Why the file or the run was refused.
 * @csspart error - The error message box.
 *
 * @fires {CrmImportFinishedEvent} crm-import-finished - A check or an import ran to its end; `detail.resource` and `detail.summary`.
 */
export class CrmImport extends CrmElement {
  static override styles = [tokens, buttons, controls, states, listPanel, importStyles];

  /** What to import: `customers`, `contacts`, `leads`, `opportunities`, `orders`, `activities` or `cases`. */
  @property({ reflect: true }) resource: ImportResource = 'customers';

  /** The level of the title (1–6), to fit the page's outline. */
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 2;

  @state() private file?: File;
  @state() private encoding: CsvEncoding = 'utf-8';
  /** Set once UTF-8 failed: the user chooses the encoding. */
  @state() private askEncoding = false;
  @state() private text?: string;
  @state() private preview?: ImportPreview;
  @state() private fields: (string | null)[] = [];
  @state() private upsert = false;
  @state() private source = '';
  @state() private onDuplicate: OnDuplicate = 'skip';
  @state() private run?: Run;
  @state() private busy = false;
  @state() private dragging = false;
  @state() private notice = '';
  @state() private message = '';

  #abort?: AbortController;
  #announced = 0;
  /** The job being followed: a new run or a reset stops following the old one. */
  #following?: symbol;
  #lookedForJob = false;
  /** Ends the wait between two looks at the job (a cancel answered with the job as it is now). */
  #look?: (job?: ImportJob) => void;

  override connectedCallback(): void {
    super.connectedCallback();
    // Back on a page (or moved): look for a running import again.
    this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#abort?.abort();
    this.#following = undefined;
    this.#lookedForJob = false;
  }

  protected override willUpdate(): void {
    // Once connected to the kit: an import started before a reload is followed again.
    if (!this.#lookedForJob && this.client) {
      this.#lookedForJob = true;
      void this.#resume();
    }
  }

  async #resume(): Promise<void> {
    const job = await unfinishedJob(this.client!, this.#resource()).catch(() => undefined);
    if (!job || this.run || this.file) return;
    this.message = this.localize.t('importer.resumed');
    await this.#follow(this.#newRun(), job);
  }

  #newRun(dryRun = false): Run {
    return { dryRun, total: 0, bytes: 0, rows: 0, started: performance.now(), failures: [] };
  }

  #resource(): ImportResource {
    return RESOURCES.includes(this.resource) ? this.resource : 'customers';
  }

  #resourceName(t: Localizer): string {
    return t.t(`importer.resource.${this.#resource()}`);
  }

  /** Starts over with a file: read as UTF-8 first, strictly; else the user picks its encoding. */
  async #choose(file: File | undefined): Promise<void> {
    if (!file) return;
    this.#reset();
    this.file = file;
    this.encoding = 'utf-8';
    await this.#read();
  }

  async #read(): Promise<void> {
    const t = this.localize;
    if (!this.file) return;
    this.busy = true;
    this.preview = undefined;
    this.notice = '';
    const text = await fileText(this.file, this.encoding);
    if (text === undefined) {
      this.busy = false;
      this.notice =
        this.encoding === 'utf-8' && !this.askEncoding
          ? t.t('importer.notUtf8')
          : t.t('importer.badEncoding', { encoding: t.t(`importer.encoding.${this.encoding}`) });
      this.askEncoding = true;
      return;
    }
    this.text = text;
    try {
      const preview = await previewFile(this.client!, this.#resource(), headOf(text));
      this.preview = preview;
      this.fields = preview.map.map((field, i) => field ?? this.#labelMatch(preview, i));
    } catch (error) {
      this.notice = this.#problemText(error);
    } finally {
      this.busy = false;
    }
  }

  /** A column the kit suggested nothing for, whose header is a field's label in the user's language. */
  #labelMatch(preview: ImportPreview, index: number): string | null {
    const header = loose(preview.headers[index]!);
    const field = preview.fields.find((f) => loose(this.#fieldLabel(f)) === header);
    return field && !preview.map.includes(field.name) ? field.name : null;
  }

  #fieldLabel(field: ImportField): string {
    const t = this.localize;
    if (field.label) return field.labels?.[t.locale] || field.label;
    const key = `field.${field.name}`;
    return Object.hasOwn(en.field, key) ? t.t(key as MessageKey) : field.name;
  }

  #reset(): void {
    this.#abort?.abort();
    this.#following = undefined;
    this.file = undefined;
    this.text = undefined;
    this.preview = undefined;
    this.fields = [];
    this.run = undefined;
    this.notice = '';
    this.askEncoding = false;
  }

  /** The duplicate choice, for the creates of a resource the kit matches (not for upserts by external id). */
  #duplicates(): { onDuplicate?: OnDuplicate } {
    return !this.upsert && DEDUPED.includes(this.#resource()) ? { onDuplicate: this.onDuplicate } : {};
  }

  /** Why the mapping cannot run yet, if it cannot. */
  #mappingProblem(t: Localizer): string | undefined {
    const chosen = this.fields.filter((f): f is string => f !== null);
    if (!chosen.length) return t.t('importer.noColumn');
    const twice = chosen.find((f, i) => chosen.indexOf(f) !== i);
    if (twice) {
      const field = this.preview!.fields.find((f) => f.name === twice);
      return t.t('importer.twice', { field: field ? this.#fieldLabel(field) : twice });
    }
    if (this.upsert && (!this.source.trim() || !chosen.includes('externalId'))) return t.t('importer.sourceNeeded');
    return undefined;
  }

  async #start(dryRun: boolean): Promise<void> {
    const t = this.localize;
    if (!this.text || !this.client || this.#mappingProblem(t)) return;
    if (!dryRun) return this.#startJob(this.text);
    const { body, map } = mappedFile(this.text, this.fields);
    const blob = new Blob([body]);
    const run: Run = { ...this.#newRun(dryRun), total: blob.size };
    this.run = run;
    this.notice = '';
    this.#abort = new AbortController();
    this.#announced = performance.now();
    this.message = t.t(dryRun ? 'importer.checking' : 'importer.importing', {
      percent: t.number(0, { style: 'percent' }),
      rows: 0,
    });
    const query = {
      map: map || undefined,
      source: this.upsert ? this.source.trim() : undefined,
      dryRun,
      ...this.#duplicates(),
    };
    try {
      await runImport(this.client, this.#resource(), blob, query, (line) => this.#take(run, line), this.#abort.signal);
    } catch (error) {
      if (this.#abort.signal.aborted) run.stopped = t.t('importer.cancelled');
      else if (error instanceof ApiError) this.notice = this.#problemText(error);
      else this.notice = t.t('importer.failedRequest');
      if (run.stopped) this.message = run.stopped;
    }
    this.run = { ...run };
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[part~="heading"]')?.focus();
  }

  /** Imports as a job of the kit: the file is stored, then its progress followed until it ends. */
  async #startJob(text: string): Promise<void> {
    const t = this.localize;
    const run = this.#newRun();
    this.run = run;
    this.notice = '';
    this.message = t.t('importer.uploading');
    try {
      const columns = JSON.stringify(this.fields);
      const source = this.upsert ? this.source.trim() : undefined;
      const job = await startJob(this.client!, this.#resource(), new Blob([text]), {
        columns,
        source,
        ...this.#duplicates(),
      });
      run.job = job.id;
      if (run.cancelled) this.#cancel(run);
      await this.#follow(run, job);
    } catch (error) {
      this.notice = this.#problemText(error);
      this.run = { ...run };
    }
  }

  /** Shows a job's progress until it ends, then its outcome and failed rows. */
  async #follow(run: Run, job: ImportJob): Promise<void> {
    const t = this.localize;
    const following = (this.#following = Symbol());
    run.job = job.id;
    run.headers = job.headers;
    this.#announced = performance.now();
    for (;;) {
      run.total = job.rowsTotal;
      run.bytes = run.rows = job.summary.rows;
      run.rate = job.rowsPerSecond;
      this.run = { ...run };
      if (job.status !== 'queued' && job.status !== 'running') break;
      if (performance.now() - this.#announced >= ANNOUNCE_EVERY_MS) {
        this.#announced = performance.now();
        this.message = t.t('importer.importing', {
          percent: t.number(job.percent / 100, { style: 'percent' }),
          rows: t.number(run.rows),
        });
      }
      const seen = await new Promise<ImportJob | undefined>((resolve) => {
        const timer = setTimeout(resolve, POLL_MS);
        this.#look = (answer) => (clearTimeout(timer), resolve(answer));
      });
      if (this.#following !== following) return;
      job = seen ?? (await jobOf(this.client!, job.id));
    }
    run.failures = await jobFailures(this.client!, job.id);
    if (this.#following !== following) return;
    const s = job.summary;
    if (job.status === 'cancelled') run.stopped = t.t('importer.cancelled');
    else if (job.status === 'failed') {
      run.stopped = t.t('importer.stopped', { reason: job.problem?.detail ?? job.problem?.title ?? '' });
    } else {
      run.summary = s;
      this.message = t.t('importer.done', {
        created: t.number(s.created),
        updated: t.number(s.updated),
        matched: t.number(s.matched),
        failed: t.number(s.failed),
      });
      this.dispatchEvent(new CrmImportFinishedEvent(this.#resource(), s));
    }
    if (run.stopped) this.message = run.stopped;
    this.run = { ...run };
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[part~="heading"]')?.focus();
  }

  #cancel(run: Run): void {
    if (!run.dryRun && !run.job) run.cancelled = true;
    else if (!run.job) this.#abort?.abort();
    else {
      // The job stops at its next batch; its answer ends the wait, and the following loop shows what it did.
      void cancelJob(this.client!, run.job).then(
        (job) => this.#look?.(job),
        () => this.#look?.(),
      );
    }
  }

  /** One line of the answer, as it arrives. */
  #take(run: Run, line: ImportLine): void {
    const t = this.localize;
    if ('row' in line) run.failures.push(line);
    else if ('progress' in line) {
      run.rows = line.progress.rows;
      run.bytes = line.progress.bytes;
      if (performance.now() - this.#announced >= ANNOUNCE_EVERY_MS) {
        this.#announced = performance.now();
        this.message = t.t(run.dryRun ? 'importer.checking' : 'importer.importing', {
          percent: t.number(run.bytes / run.total, { style: 'percent' }),
          rows: t.number(run.rows),
        });
      }
    } else {
      run.summary = line.summary;
      run.rows = line.summary.rows;
      run.bytes = run.total;
      const s = line.summary;
      if (line.problem) {
        run.stopped = t.t('importer.stopped', { reason: line.problem.detail ?? line.problem.title });
        this.message = run.stopped;
      } else {
        this.message = s.dryRun
          ? t.t('importer.checked', { rows: t.number(s.rows), failed: t.number(s.failed) })
          : t.t('importer.done', {
              created: t.number(s.created),
              updated: t.number(s.updated),
              matched: t.number(s.matched),
              failed: t.number(s.failed),
            });
        this.dispatchEvent(new CrmImportFinishedEvent(this.#resource(), s));
      }
    }
    this.run = { ...run };
  }

  #problemText(error: unknown): string {
    const t = this.localize;
    const failure = failureOf(error);
    if (failure === 'forbidden') return t.t('importer.forbidden', { resource: this.#resourceName(t) });
    if (error instanceof ApiError) {
      const reasons = (error.problem.errors ?? []).map((e) => `${e.path}: ${fieldErrorText(t, e)}`);
      return t.t('importer.refused', {
        reason: reasons.length ? t.list(reasons) : (error.problem.detail ?? error.problem.title),
      });
    }
    return t.t('importer.failedRequest');
  }

  #reasons(failure: ImportError): string {
    const t = this.localize;
    const errors = failure.errors ?? [];
    if (!errors.length) return failure.detail ?? String(failure.status);
    return errors
      .map((e) => t.t('importer.rowError', { field: this.#pathLabel(e.path), error: fieldErrorText(t, e) }))
      .join('; ');
  }

  /** The field an error's path names, by its label: `emails.0` is Email, `customFields.tier.x` the Tier field. */
  #pathLabel(path: string): string {
    const parts = path.split('.');
    const name = parts.slice(0, parts[0] === 'customFields' ? 2 : 1).join('.');
    const field = this.preview?.fields.find((f) => f.name === name);
    return field ? this.#fieldLabel(field) : path;
  }

  #download(): void {
    const t = this.localize;
    const headers = this.run?.headers ?? this.preview?.headers;
    if (!headers || !this.run) return;
    const csv = failuresCsv(
      headers,
      this.run.failures,
      { row: t.t('importer.row'), reason: t.t('importer.reason') },
      (failure) => this.#reasons(failure),
    );
    download(csv, `${this.file?.name.replace(/\.csv$/i, '') ?? this.#resource()}-failed.csv`);
  }

  protected override render() {
    const t = this.localize;
    const level = Math.min(6, Math.max(1, Math.round(this.headingLevel) || 2));
    let body: unknown;
    if (!this.client) body = errorBox({ message: t.t('card.notConnected') });
    else if (!this.may(this.#resource(), 'create')) {
      body = errorBox({ message: t.t('importer.forbidden', { resource: this.#resourceName(t) }) });
    } else if (this.run) body = this.#renderRun(t, this.run);
    else body = html`${this.#renderFile(t)} ${this.preview ? this.#renderMapping(t, this.preview) : nothing}`;
    return html`<section part="base" class="panel" lang=${t.locale} aria-busy=${this.busy ? 'true' : 'false'}>
      <div part="heading" class="heading" role="heading" aria-level=${level} tabindex="-1">
        ${t.t('importer.title', { resource: this.#resourceName(t) })}
      </div>
      ${body}
      <div role="alert">${this.notice ? html`<p part="notice" class="notice">${this.notice}</p>` : nothing}</div>
      <div role="status" class="visually-hidden">${this.message}</div>
    </section>`;
  }

  #renderFile(t: Localizer): TemplateResult {
    const drop = (event: DragEvent) => {
      event.preventDefault();
      this.dragging = false;
      void this.#choose(event.dataTransfer?.files[0]);
    };
    return html`<div
      part="drop-zone"
      class="drop ${this.dragging ? 'over' : ''}"
      @dragover=${(event: DragEvent) => {
        event.preventDefault();
        this.dragging = true;
      }}
      @dragleave=${() => (this.dragging = false)}
      @drop=${drop}
    >
      <p>${t.t('importer.intro')}</p>
      <div class="row">
        <label>
          ${t.t('importer.file')}
          <input
            part="file-input"
            class="control"
            type="file"
            accept=".csv,text/csv"
            ?disabled=${this.busy}
            @change=${(event: Event) => void this.#choose((event.target as HTMLInputElement).files?.[0])}
          />
        </label>
        ${
          this.askEncoding
            ? html`<label>
                ${t.t('importer.encoding')}
                <select
                  part="encoding-select"
                  class="control"
                  @change=${(event: Event) => {
                    this.encoding = (event.target as HTMLSelectElement).value as CsvEncoding;
                    void this.#read();
                  }}
                >
                  ${ENCODINGS.map(
                    (e) =>
                      html`<option value=${e} ?selected=${e === this.encoding}>
                        ${t.t(`importer.encoding.${e}`)}
                      </option>`,
                  )}
                </select>
              </label>`
            : nothing
        }
      </div>
      ${this.busy ? html`<p>${t.t('importer.reading')}</p>` : nothing}
    </div>`;
  }

  #renderMapping(t: Localizer, preview: ImportPreview): TemplateResult {
    const problem = this.#mappingProblem(t);
    return html`<div part="mapping" class="table-wrap">
        <table>
          <caption class="visually-hidden">
            ${t.t('importer.columns')}
          </caption>
          <thead>
            <tr>
              <th scope="col">${t.t('importer.column')}</th>
              <th scope="col" class="sample">${t.t('importer.sample')}</th>
              <th scope="col">${t.t('importer.field')}</th>
            </tr>
          </thead>
          <tbody>
            ${preview.headers.map(
              (header, i) =>
                html`<tr>
                  <th scope="row">${header}</th>
                  <td class="sample">
                    ${preview.rows
                      .map((row) => row[i] ?? '')
                      .filter(Boolean)
                      .slice(0, 3)
                      .join(' · ')}
                  </td>
                  <td>
                    <select
                      part="field-select"
                      class="control"
                      aria-label=${t.t('importer.fieldFor', { column: header })}
                      @change=${(event: Event) => {
                        const value = (event.target as HTMLSelectElement).value;
                        this.fields = this.fields.map((f, k) => (k === i ? value || null : f));
                      }}
                    >
                      <option value="" ?selected=${this.fields[i] === null}>${t.t('importer.skip')}</option>
                      ${preview.fields.map((field) => {
                        const label = this.#fieldLabel(field);
                        return html`<option value=${field.name} ?selected=${this.fields[i] === field.name}>
                          ${field.required ? t.t('importer.required', { field: label }) : label}
                        </option>`;
                      })}
                    </select>
                  </td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
      <fieldset part="match">
        <legend>${t.t('importer.match')}</legend>
        <label class="check">
          <input type="radio" name="match" .checked=${!this.upsert} @change=${() => (this.upsert = false)} />
          ${t.t('importer.match.create')}
        </label>
        <label class="check">
          <input type="radio" name="match" .checked=${this.upsert} @change=${() => (this.upsert = true)} />
          ${t.t('importer.match.upsert')}
        </label>
        ${
          this.upsert
            ? html`<div class="row">
                <label>
                  ${t.t('importer.source')}
                  <input
                    part="source-input"
                    class="control"
                    .value=${this.source}
                    aria-describedby="source-hint"
                    @input=${(event: Event) => (this.source = (event.target as HTMLInputElement).value)}
                  />
                </label>
                <p id="source-hint" class="hint">${t.t('importer.sourceHint')}</p>
              </div>`
            : DEDUPED.includes(this.#resource())
              ? html`<div class="row">
                  <label>
                    ${t.t('importer.duplicates')}
                    <select
                      part="duplicate-select"
                      class="control"
                      @change=${(event: Event) =>
                        (this.onDuplicate = (event.target as HTMLSelectElement).value as OnDuplicate)}
                    >
                      ${ON_DUPLICATE.map(
                        (choice) =>
                          html`<option value=${choice} ?selected=${this.onDuplicate === choice}>
                            ${t.t(`importer.duplicates.${choice}`)}
                          </option>`,
                      )}
                    </select>
                  </label>
                </div>`
              : nothing
        }
      </fieldset>
      ${problem ? html`<p class="hint" id="mapping-problem">${problem}</p>` : nothing}
      <div class="actions">
        <button
          part="check-button"
          class="button"
          type="button"
          ?disabled=${Boolean(problem)}
          aria-describedby=${problem ? 'mapping-problem' : nothing}
          @click=${() => void this.#start(true)}
        >
          ${t.t('importer.check')}
        </button>
        <button
          part="import-button"
          class="button primary"
          type="button"
          ?disabled=${Boolean(problem)}
          aria-describedby=${problem ? 'mapping-problem' : nothing}
          @click=${() => void this.#start(false)}
        >
          ${t.t('importer.start')}
        </button>
      </div>`;
  }

  #renderRun(t: Localizer, run: Run): TemplateResult {
    const running = !run.summary && !run.stopped && !this.notice;
    const seconds = Math.max((performance.now() - run.started) / 1000, 0.001);
    const fraction = run.total ? Math.min(run.bytes / run.total, 1) : 0;
    const s = run.summary;
    return html`${
      running
        ? html`<progress part="progress" max="1" .value=${fraction} aria-label=${t.t('importer.progress')}></progress>
            <p class="status">
              ${t.t('importer.progressText', {
                percent: t.number(fraction, { style: 'percent' }),
                rows: t.number(run.rows),
                rate: t.number(run.rate ?? Math.round(run.rows / seconds)),
              })}
            </p>
            <div class="actions">
              <button part="cancel-button" class="button" type="button" @click=${() => this.#cancel(run)}>
                ${t.t('importer.cancel')}
              </button>
            </div>`
        : nothing
    }
    ${run.stopped ? html`<p class="status">${run.stopped}</p>` : nothing}
    ${
      s
        ? html`<p class="status">
              ${
                s.dryRun
                  ? t.t('importer.checked', { rows: t.number(s.rows), failed: t.number(s.failed) })
                  : t.t('importer.done', {
                      created: t.number(s.created),
                      updated: t.number(s.updated),
                      matched: t.number(s.matched),
                      failed: t.number(s.failed),
                    })
              }
            </p>
            <dl part="summary" class="figures">
              ${(['rows', 'created', 'updated', 'unchanged', 'matched', 'failed'] as const).map(
                (key) =>
                  html`<div>
                    <dt>${t.t(`importer.${key}`)}</dt>
                    <dd>${t.number(s[key])}</dd>
                  </div>`,
              )}
            </dl>`
        : nothing
    }
    ${running ? nothing : this.#renderFailures(t, run)}`;
  }

  #renderFailures(t: Localizer, run: Run): TemplateResult {
    return html`<div part="failures" class="failures table-wrap">
        ${
          run.failures.length
            ? html`<table>
                <caption>
                  ${t.t('importer.failedRows')}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">${t.t('importer.row')}</th>
                    <th scope="col">${t.t('importer.errors')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${run.failures.map(
                    (failure) =>
                      html`<tr part="failure" data-row=${failure.row}>
                        <th scope="row">${t.number(failure.row)}</th>
                        <td>${this.#reasons(failure)}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>`
            : run.summary
              ? html`<p>${t.t('importer.noFailures')}</p>`
              : nothing
        }
      </div>
      <div class="actions">
        ${
          run.failures.length
            ? html`<button part="download-button" class="button" type="button" @click=${() => this.#download()}>
                ${t.t('importer.download')}
              </button>`
            : nothing
        }
        ${
          run.dryRun && run.summary
            ? html`<button
                part="import-button"
                class="button primary"
                type="button"
                @click=${() => void this.#start(false)}
              >
                ${t.t('importer.start')}
              </button>`
            : nothing
        }
        <button part="again-button" class="button" type="button" @click=${() => this.#reset()}>
          ${t.t('importer.again')}
        </button>
      </div>`;
  }
}

define('crm-import', CrmImport);

declare global {
  interface HTMLElementTagNameMap {
    'crm-import': CrmImport;
  }
}
