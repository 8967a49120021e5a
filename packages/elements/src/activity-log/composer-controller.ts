import { ApiError, type ActivityCreate, type ActivityType, type CrmClient } from '@crmkit/core';
import { CrmActivityCreateEvent } from '../shared/events.js';
import { useEnglish, type Localizer } from '../shared/localize.js';
import {
  emptyDraft,
  FIELD_ORDER,
  isDirty,
  mapFieldErrors,
  requestBody,
  standIn,
  validateDraft,
  type Draft,
  type DraftField,
  type FieldErrors,
} from './draft.js';
import type { LogContext, LogHost } from './log-host.js';
import type { Target } from './target.js';
import type { TimelineController } from './timeline-controller.js';
import * as en from '../shared/messages/en.js';

useEnglish(en.log, en.save);

/**
 * The composer: what the user types (kept until the kit saved it), checks before sending, the
 * entry shown at once while it is saved (and taken back, keeping the text, if the kit refuses it),
 * and the kit's validation errors next to the fields they are about.
 */
export class ComposerController {
  draft: Draft = emptyDraft();
  fieldErrors: FieldErrors = {};
  formError = '';
  submitting = false;
  /** The composer shows notes and details once the user turns to it (focus or text). */
  composing = false;

  readonly #host: LogHost;
  readonly #context: LogContext;
  readonly #timeline: TimelineController;
  /** The last create that failed, so resending the same entry reuses its idempotency key. */
  #lastAttempt?: { body: string; key: string };
  /** The customer (etc.) that activity on an opportunity, contact or case is linked to as well. */
  #links?: { target: string; links: Promise<Partial<ActivityCreate>> };

  constructor(host: LogHost, context: LogContext, timeline: TimelineController) {
    this.#host = host;
    this.#context = context;
    this.#timeline = timeline;
  }

  /** Whether the details fold out: the user turned to the form, typed, or there is an error to see. */
  get open(): boolean {
    return this.composing || isDirty(this.draft) || Boolean(this.formError) || Object.keys(this.fieldErrors).length > 0;
  }

  /** Starts afresh (another target), keeping the type the user chose. */
  reset(): void {
    this.draft = emptyDraft(this.draft.type);
    this.fieldErrors = {};
    this.formError = '';
    this.#lastAttempt = undefined;
    this.#links = undefined;
  }

  /** Looking at one type, the user most likely logs that type next (unless they started another). */
  followFilter(filter: ActivityType | ''): void {
    if (!filter || isDirty(this.draft) || filter === this.draft.type) return;
    this.#set({
      draft: { ...this.draft, type: filter, due: filter === 'task' ? emptyDraft('task').due : this.draft.due },
    });
  }

  onInput = (event: Event) => {
    const control = event.target as HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;
    const name = control.name as DraftField;
    const { [name]: _fixed, ...rest } = this.fieldErrors;
    this.#set({ draft: { ...this.draft, [name]: control.value }, fieldErrors: rest });
  };

  onFocus = () => this.#set({ composing: true });

  onBlur = (event: FocusEvent) => {
    const form = event.currentTarget as HTMLFormElement;
    // Folds back when focus has left an untouched composer; a moment later, so that a click which
    // does not focus what it lands on (Safari's buttons) is not moved away under the pointer.
    setTimeout(() => {
      const focused = this.#host.shadowRoot?.activeElement;
      if (!focused || !form.contains(focused)) this.#set({ composing: false });
    }, 200);
  };

  onTypeChange = (event: Event) => {
    const type = (event.target as HTMLInputElement).value as ActivityType;
    const draft = { ...this.draft, type };
    if (type === 'task' && !draft.due) draft.due = emptyDraft('task').due;
    this.#set({ draft, fieldErrors: {}, formError: '' });
  };

  onSubmit = async (event: SubmitEvent) => {
    event.preventDefault();
    const client = this.#context.client();
    const target = this.#context.target();
    if (!client || !target || this.submitting) return;
    const t = this.#context.localize();
    const errors = validateDraft(t, this.draft);
    if (Object.keys(errors).length) {
      this.#set({ fieldErrors: errors, formError: '' });
      await this.#host.updateComplete;
      this.#focusField(errors);
      return;
    }
    const saved = await this.#save(client, target, t);
    await this.#host.updateComplete;
    // Ready for the next entry; or at the field to fix, else at the button to send again.
    const root = this.#host.renderRoot;
    if (saved) root.querySelector<HTMLInputElement>('#subject')?.focus();
    else if (Object.keys(this.fieldErrors).length) this.#focusField(this.fieldErrors);
    else if (!this.#host.shadowRoot?.activeElement) root.querySelector<HTMLElement>('[part~="submit-button"]')?.focus();
  };

  /** Sends the draft; the timeline shows it meanwhile. Resolves with whether the kit saved it. */
  async #save(client: CrmClient, target: Target, t: Localizer): Promise<boolean> {
    const body = requestBody(this.draft, target);
    const json = JSON.stringify(body);
    // Sending the same entry again (after a dropped connection) reuses the key: the kit saves it once.
    const key = this.#lastAttempt?.body === json ? this.#lastAttempt.key : crypto.randomUUID();
    this.#lastAttempt = { body: json, key };
    const pending = standIn(body);
    this.#timeline.addPending(pending);
    this.#set({ fieldErrors: {}, formError: '', submitting: true });
    const request = this.#linksFor(client, target).then((links) =>
      client.activities.create({ ...links, ...body }, { idempotencyKey: key }),
    );
    this.#timeline.track(request);
    try {
      const activity = await request;
      this.#lastAttempt = undefined;
      this.#timeline.settle(pending.id, activity);
      this.#set({ draft: emptyDraft(this.draft.type), submitting: false });
      this.#context.announce(t.t('log.saved', { type: t.t(`log.type.${activity.type}`), subject: activity.subject }));
      const created = new CrmActivityCreateEvent(activity);
      this.#host.dispatchEvent(created);
      return true;
    } catch (error) {
      // Roll back: the stand-in goes, the draft (still in the form) stays.
      this.#timeline.drop(pending.id);
      this.#showSaveError(t, error);
      this.#set({ submitting: false });
      return false;
    }
  }

  #showSaveError(t: Localizer, error: unknown): void {
    if (!(error instanceof ApiError)) {
      this.formError = t.t(error instanceof TypeError ? 'save.failedNetwork' : 'save.failed');
      return;
    }
    // A refused entry will be refused again: a new attempt gets a new key.
    this.#lastAttempt = undefined;
    if (error.status === 400 || error.status === 422) {
      const { fieldErrors, other } = mapFieldErrors(t, this.draft.type, error.problem.errors ?? []);
      this.fieldErrors = fieldErrors;
      const detail = other.map((e) => e.message).join(' ');
      this.formError = detail ? `${t.t('log.form.failedInvalid')} ${detail}` : t.t('log.form.failedInvalid');
      return;
    }
    if (error.status === 401) this.formError = t.t('log.unauthorized');
    else if (error.status === 403) this.formError = t.t('log.form.failedForbidden');
    else this.formError = t.t('save.failed');
  }

  #focusField(errors: FieldErrors): void {
    const first = FIELD_ORDER.find((name) => errors[name]);
    if (first) this.#host.renderRoot.querySelector<HTMLElement>(`#${first}`)?.focus();
  }

  /** For an opportunity, contact or case: its customer, so the activity shows on the customer's log too. */
  #linksFor(client: CrmClient, target: Target): Promise<Partial<ActivityCreate>> {
    const key = `${target.kind}:${target.id}`;
    if (this.#links?.target === key) return this.#links.links;
    const get = async (): Promise<Partial<ActivityCreate>> => {
      try {
        if (target.kind === 'opportunity')
          return { customerId: (await client.opportunities.get(target.id)).customerId };
        if (target.kind === 'contact') return { customerId: (await client.contacts.get(target.id)).customerId };
        if (target.kind === 'case') {
          const found = await client.cases.get(target.id);
          return { customerId: found.customerId, contactId: found.contactId };
        }
      } catch {
        // The activity is still linked to what the log is for.
      }
      return {};
    };
    const links = get();
    this.#links = { target: key, links };
    return links;
  }

  #set(patch: Partial<Pick<ComposerController, 'draft' | 'fieldErrors' | 'formError' | 'submitting' | 'composing'>>) {
    Object.assign(this, patch);
    this.#host.requestUpdate();
  }
}
